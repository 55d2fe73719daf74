// The support-desk port: what the support-queue services ask of a help desk, declared beside them
// and implemented in support/zendesk/ over Zendesk's REST API.
import type { SupportAgent, SupportTicket } from "../../domain/support-ticket.ts";

export interface QueueRead {
  /** Unsolved tickets in the groups found, with their SLA targets and organizations. */
  tickets: SupportTicket[];
  /** Configured group names the desk has no group for (named in the log and in check-config). */
  missingGroups: string[];
  /** Requests this read made, for the benchmark and the logs. */
  requests: number;
}

export interface ReadQueueOptions {
  /**
   * Once aborted, the read starts no request or retry wait, aborts the one in flight, and fails as
   * `unavailable`: a slow desk must not hold a poll past its job lease or into the next poll.
   */
  deadline?: AbortSignal;
}

/** What happened to a "Take it". */
export type AssignOutcome =
  | { kind: "assigned"; agent: SupportAgent }
  /** Someone has it (or took it since it was read): not reassigned. */
  | { kind: "taken"; by: SupportAgent | null }
  /** The ticket is gone or solved. */
  | { kind: "closed" }
  /**
   * The desk would not make this agent the assignee (Zendesk's 422: not a member of the ticket's
   * group, a light agent…); `detail` is the desk's own words, unescaped.
   */
  | { kind: "refused"; detail: string };

export interface SupportDesk {
  /** `https://acme.zendesk.com/agent/tickets/123` */
  ticketUrl(ticketId: number): string;
  readQueue(groups: readonly string[], options?: ReadQueueOptions): Promise<QueueRead>;
  /** The desk's agent with this email (case ignored), or null when there is none. */
  findAgent(email: string): Promise<SupportAgent | null>;
  /**
   * Assigns the ticket to `agentId` unless it has an assignee already or was changed by someone else
   * since it was read (a conflict is re-read and answered as `taken`).
   */
  assignIfUnassigned(ticketId: number, agentId: number): Promise<AssignOutcome>;
  /** For check-config: who the token signs in as and which configured groups exist. */
  check(groups: readonly string[]): Promise<{ user: SupportAgent; missingGroups: string[] }>;
}

/** A desk failure the caller can act on; `kind` says whether waiting helps. */
export class SupportDeskError extends Error {
  readonly code = "SUPPORT_DESK";

  constructor(
    readonly kind: "unauthorized" | "unavailable" | "rate-limited" | "bad-response",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SupportDeskError";
  }
}
