// An in-memory help desk behind the support-desk port: tickets and agents the test sets, every call
// counted, and failures or a hang on demand.
import type { SupportAgent, SupportTicket } from "../../src/domain/support-ticket.ts";
import {
  type AssignOutcome,
  type QueueRead,
  type ReadQueueOptions,
  type SupportDesk,
  SupportDeskError,
} from "../../src/services/ports/support-desk-port.ts";

export const DESK_URL = "https://acme.zendesk.test";

export class FakeSupportDesk implements SupportDesk {
  tickets: SupportTicket[] = [];
  agents: SupportAgent[] = [];
  readonly calls: { method: string; args: unknown[] }[] = [];
  /** Thrown by every call while set. */
  failure: SupportDeskError | null = null;
  /** While set, an assignment is refused with these words (an agent outside the ticket's group). */
  refusal: string | null = null;
  /** While set, every call waits for it (a desk that hangs); a queue read only until its deadline. */
  hang: Promise<void> | null = null;
  /** Each queue read's deadline, as the poller passed it. */
  readonly deadlines: (AbortSignal | undefined)[] = [];

  ticketUrl(ticketId: number): string {
    return `${DESK_URL}/agent/tickets/${ticketId}`;
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  async readQueue(groups: readonly string[], options: ReadQueueOptions = {}): Promise<QueueRead> {
    this.calls.push({ method: "readQueue", args: [groups] });
    this.deadlines.push(options.deadline);
    await this.gate(options.deadline);
    const known = new Set(this.tickets.map((ticket) => ticket.group));
    return {
      tickets: structuredClone(this.tickets.filter((ticket) => groups.includes(ticket.group))),
      missingGroups: groups.filter((group) => !known.has(group)),
      requests: 1,
    };
  }

  async findAgent(email: string): Promise<SupportAgent | null> {
    this.calls.push({ method: "findAgent", args: [email] });
    await this.gate();
    return this.agents.find((agent) => agent.email.toLowerCase() === email.toLowerCase()) ?? null;
  }

  async assignIfUnassigned(ticketId: number, agentId: number): Promise<AssignOutcome> {
    this.calls.push({ method: "assignIfUnassigned", args: [ticketId, agentId] });
    await this.gate();
    const ticket = this.tickets.find((candidate) => candidate.id === ticketId);
    if (!ticket) return { kind: "closed" };
    if (ticket.assigneeId !== null)
      return { kind: "taken", by: this.agents.find((agent) => agent.id === ticket.assigneeId) ?? null };
    if (this.refusal) return { kind: "refused", detail: this.refusal };
    ticket.assigneeId = agentId;
    return { kind: "assigned", agent: this.agents.find((agent) => agent.id === agentId) as SupportAgent };
  }

  async check(groups: readonly string[]): Promise<{ user: SupportAgent; missingGroups: string[] }> {
    await this.gate();
    return { user: { id: 1, name: "Bot", email: "bot@example.com" }, missingGroups: [...groups] };
  }

  private async gate(deadline?: AbortSignal): Promise<void> {
    if (this.hang) await (deadline ? Promise.race([this.hang, abortOf(deadline)]) : this.hang);
    if (deadline?.aborted)
      throw new SupportDeskError("unavailable", "The support queue poll ran out of time.");
    if (this.failure) throw this.failure;
  }
}

function abortOf(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

export const unauthorized = () => new SupportDeskError("unauthorized", "Zendesk answered 401");
export const unavailable = () => new SupportDeskError("unavailable", "Zendesk answered 503");

/** A queue ticket with one active SLA target, as tests build them. */
export function queueTicket(
  id: number,
  breachAt: string,
  overrides: Partial<SupportTicket> = {},
): SupportTicket {
  return {
    id,
    subject: `Cannot renew <licence> #${id}`,
    status: "open",
    group: "Renewals",
    tags: [],
    assigneeId: null,
    organization: { id: 100 + id, name: "Nia & Co", externalId: null, domainNames: [] },
    slas: [{ metric: "first_reply_time", stage: "active", breachAt: new Date(breachAt) }],
    updatedAt: new Date("2026-03-09T00:00:00Z"),
    ...overrides,
  };
}
