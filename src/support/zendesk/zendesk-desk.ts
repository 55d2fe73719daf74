// The support-desk port over Zendesk: the queue read, agents found by email, "Take it" as a safe
// update that never overwrites someone else's assignment, and the sign-in check for check-config.
import type { SupportAgent } from "../../domain/support-ticket.ts";
import type { Logger } from "../../logging.ts";
import {
  type AssignOutcome,
  type QueueRead,
  type ReadQueueOptions,
  type SupportDesk,
  SupportDeskError,
} from "../../services/ports/support-desk-port.ts";
import { asAgent, UNSOLVED_STATUSES } from "./map-ticket.ts";
import { listGroups, matchGroups, readQueue } from "./read-queue.ts";
import type { RetryPolicy } from "./retry-policy.ts";
import type { ZendeskTicket, ZendeskUser } from "./zendesk-api.ts";
import { ZendeskClient } from "./zendesk-client.ts";

export interface ZendeskSettings {
  url: string;
  email: string;
  apiToken: string;
}

/** A conflicting update is re-read and tried again this many times before it counts as taken. */
const CONFLICT_RETRIES = 2;

export class ZendeskDesk implements SupportDesk {
  readonly client: ZendeskClient;

  constructor(
    settings: ZendeskSettings,
    private readonly logger: Logger,
    retry?: RetryPolicy,
  ) {
    this.client = new ZendeskClient({ ...settings, logger, ...(retry ? { retry } : {}) });
  }

  ticketUrl(ticketId: number): string {
    return `${this.client.baseUrl}/agent/tickets/${ticketId}`;
  }

  async readQueue(groups: readonly string[], options: ReadQueueOptions = {}): Promise<QueueRead> {
    const before = this.client.requests;
    const { deadline } = options;
    const read = await readQueue(this.client, groups, this.logger, deadline).catch((error: unknown) => {
      if (!deadline?.aborted) throw error;
      throw new SupportDeskError(
        "unavailable",
        `The support queue poll ran out of time after ${this.client.requests - before} Zendesk requests; the queue was not read.`,
        { cause: error },
      );
    });
    const requests = this.client.requests - before;
    if (read.missingGroups.length > 0) {
      this.logger.warn({ missingGroups: read.missingGroups }, "support groups not found in zendesk");
    }
    this.logger.debug({ tickets: read.tickets.length, requests }, "zendesk queue read");
    return { ...read, requests };
  }

  async findAgent(email: string): Promise<SupportAgent | null> {
    const wanted = email.trim().toLowerCase();
    const params = new URLSearchParams({ query: `email:${wanted}` });
    const page = await this.client.get<{ users: ZendeskUser[] }>(
      `/api/v2/users/search.json?${params}`,
      "finding an agent by email",
    );
    for (const user of page.users ?? []) {
      if (user.email?.toLowerCase() !== wanted) continue;
      const agent = asAgent(user);
      if (agent) return agent;
    }
    return null;
  }

  async assignIfUnassigned(ticketId: number, agentId: number): Promise<AssignOutcome> {
    for (let attempt = 0; ; attempt += 1) {
      const ticket = await this.readTicket(ticketId);
      if (!ticket || !UNSOLVED_STATUSES.has(ticket.status)) return { kind: "closed" };
      if (ticket.assignee_id !== null) {
        const by = await this.agentById(ticket.assignee_id);
        // A second click, or the rep took it in Zendesk already: it is theirs, as asked.
        if (ticket.assignee_id === agentId && by) return { kind: "assigned", agent: by };
        return { kind: "taken", by };
      }
      const answer = await this.client.send<{ ticket: ZendeskTicket }>(
        "PUT",
        `/api/v2/tickets/${ticketId}.json`,
        { ticket: { assignee_id: agentId, safe_update: true, updated_stamp: ticket.updated_at } },
        "assigning the ticket",
        [404, 409, 422],
      );
      if (answer.status === 404) return { kind: "closed" };
      // Zendesk validated the update and would not make this agent the assignee: asking again will
      // not change that, so it is an answer, not a failure.
      if (answer.status === 422) {
        const detail = validationWords(answer.body) ?? "the assignee is invalid";
        this.logger.info({ ticketId, agentId, detail }, "zendesk refused the assignment");
        return { kind: "refused", detail };
      }
      if (answer.status === 409) {
        // Someone changed the ticket since it was read: read it again before deciding.
        this.logger.info({ ticketId, attempt }, "zendesk ticket changed meanwhile; reading it again");
        if (attempt + 1 >= CONFLICT_RETRIES) {
          const latest = await this.readTicket(ticketId);
          if (!latest || !UNSOLVED_STATUSES.has(latest.status)) return { kind: "closed" };
          return {
            kind: "taken",
            by: latest.assignee_id === null ? null : await this.agentById(latest.assignee_id),
          };
        }
        continue;
      }
      const agent = await this.agentById(agentId);
      if (!agent) {
        throw new SupportDeskError(
          "bad-response",
          `Zendesk assigned ticket ${ticketId} to a user it does not show.`,
        );
      }
      return { kind: "assigned", agent };
    }
  }

  async check(groups: readonly string[]): Promise<{ user: SupportAgent; missingGroups: string[] }> {
    const { user } = await this.client.get<{ user: ZendeskUser }>("/api/v2/users/me.json", "signing in");
    // Zendesk answers an unauthenticated /users/me with an anonymous user rather than a 401.
    if (user.id === null) {
      throw new SupportDeskError(
        "unauthorized",
        "Zendesk answered as an anonymous user: check ZENDESK_EMAIL and ZENDESK_API_TOKEN.",
      );
    }
    const agent = asAgent(user);
    if (!agent) {
      throw new SupportDeskError(
        "unauthorized",
        `ZENDESK_EMAIL signs in as ${user.email ?? user.name}, a Zendesk ${user.role}: the support queue needs an agent or admin.`,
      );
    }
    const { missing } = matchGroups(groups, await listGroups(this.client));
    return { user: agent, missingGroups: missing };
  }

  private async readTicket(ticketId: number): Promise<ZendeskTicket | null> {
    const answer = await this.client.send<{ ticket: ZendeskTicket }>(
      "GET",
      `/api/v2/tickets/${ticketId}.json`,
      undefined,
      "reading the ticket",
      [404],
    );
    return answer.status === 404 ? null : (answer.body?.ticket ?? null);
  }

  private async agentById(userId: number): Promise<SupportAgent | null> {
    const answer = await this.client.send<{ user: ZendeskUser }>(
      "GET",
      `/api/v2/users/${userId}.json`,
      undefined,
      "reading the assignee",
      [404],
    );
    const user = answer.status === 404 ? null : answer.body?.user;
    if (!user || user.id === null) return null;
    return asAgent(user) ?? { id: user.id, name: user.name, email: (user.email ?? "").toLowerCase() };
  }
}

/**
 * Zendesk's 422 body, `{error: "RecordInvalid", description: "Record validation errors", details:
 * {assignee: [{description: "Assignee: is not a member of the group"}]}}`, as one line of its words.
 */
function validationWords(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const { details, description } = body as { details?: unknown; description?: unknown };
  const words: string[] = [];
  if (details && typeof details === "object") {
    for (const entries of Object.values(details as Record<string, unknown>)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        const text = (entry as { description?: unknown } | null)?.description;
        if (typeof text === "string" && !words.includes(text)) words.push(text);
      }
    }
  }
  if (words.length > 0) return words.join("; ");
  return typeof description === "string" ? description : null;
}

export function createZendeskDesk(
  settings: ZendeskSettings | null,
  logger: Logger,
  retry?: RetryPolicy,
): ZendeskDesk | null {
  return settings ? new ZendeskDesk(settings, logger.child({ subsystem: "zendesk" }), retry) : null;
}
