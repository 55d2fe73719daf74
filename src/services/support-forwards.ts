// Forwarded to the sales owner: after each support-queue read, the tickets Support forwards (a
// forward tag, an organization that is a CRM account) are recorded for the owner's next daily
// digest and, needing approval, the manager's next weekly one. The digests take them from the store.
import type { DigestPlan } from "../domain/digest-plan.ts";
import { type ForwardedTicket, findForwards, type SupportLine, tagKey } from "../domain/forwarded-tickets.ts";
import type { IsoDate, Snapshot } from "../domain/model.ts";
import { type AccountIndex, indexAccounts } from "../domain/support-account-match.ts";
import type { SupportSettings } from "../domain/support-settings.ts";
import type { Logger } from "../logging.ts";
import type { ForwardsStore, MessageWithForwards } from "../store/forwards-store.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import type { QueueRead } from "./ports/support-desk-port.ts";

export interface SupportForwardsDeps {
  store: Pick<ForwardsStore, "recordForwards" | "repsWithUnshownForwards" | "enqueueWithApprovals">;
  pipeline: Pick<PipelineCache, "current">;
  settings: Pick<SupportSettings, "forwardTags" | "approvalTags">;
  /** ZENDESK_URL, from the configuration: ticket links are `<url>/agent/tickets/<id>`. */
  zendeskUrl: string;
  logger: Logger;
}

export class SupportForwards {
  /** The accounts of the last snapshot seen, indexed once per CRM read rather than per queue read. */
  private indexed: { snapshot: Snapshot; index: AccountIndex } | null = null;

  private readonly approvalTags: ReadonlySet<string>;

  constructor(private readonly deps: SupportForwardsDeps) {
    this.approvalTags = new Set(deps.settings.approvalTags.map(tagKey));
  }

  /**
   * Records the forwarded tickets of one queue read. The accounts are the last CRM read's (the CRM
   * is read only when nothing was read yet: a poll every few minutes must not spend CRM calls); a
   * ticket recorded before is left as it was, so it is shown once however often the queue is read.
   */
  readonly record = async (read: QueueRead, now: Date): Promise<void> => {
    let snapshot: Snapshot;
    try {
      ({ snapshot } = await this.deps.pipeline.current("cached"));
    } catch (error) {
      // Without accounts nothing can be matched; the tickets are still in the queue at the next read.
      this.deps.logger.warn({ err: error }, "no CRM accounts to match forwarded support tickets to yet");
      return;
    }
    if (this.indexed?.snapshot !== snapshot)
      this.indexed = { snapshot, index: indexAccounts(snapshot.accounts) };
    const { forwards, unmatched } = findForwards(
      read.tickets,
      this.indexed.index,
      snapshot.reps,
      this.deps.settings,
      now,
    );
    const added = forwards.length > 0 ? await this.deps.store.recordForwards(forwards) : 0;
    // Ticket ids and reasons only: subjects and organization names are the customer's words. The
    // same unmatched tickets come back at every read, so they are logged at debug level.
    const why = unmatched.slice(0, 20).map(({ ticketId, reason }) => ({ ticketId, reason }));
    if (added > 0)
      this.deps.logger.info(
        { forwarded: forwards.length, added, unmatched: why },
        "support tickets forwarded to sales owners",
      );
    else if (unmatched.length > 0)
      this.deps.logger.debug({ unmatched: why }, "forwarded support tickets with no CRM account");
  };

  /** The plan with the forwarded tickets a digest's claim took, under "From Support". */
  withForwards(plan: DigestPlan, forwards: readonly ForwardedTicket[]): DigestPlan {
    if (forwards.length === 0) return plan;
    return {
      ...plan,
      fromSupport: forwards.map((ticket) => ({
        ticketId: ticket.ticketId,
        subject: ticket.subject,
        tag: ticket.tags[0] ?? "",
        url: this.ticketUrl(ticket.ticketId),
      })),
    };
  }

  /** Approvals for a manager digest: the same lines, with the rep whose account it is. */
  approvals(forwards: readonly ForwardedTicket[], repNames: ReadonlyMap<string, string>): SupportLine[] {
    return forwards.map((ticket) => ({
      ticketId: ticket.ticketId,
      subject: ticket.subject,
      tag: ticket.tags.find((tag) => this.approvalTags.has(tag)) ?? ticket.tags[0] ?? "",
      url: this.ticketUrl(ticket.ticketId),
      rep: repNames.get(ticket.ownerEmail) ?? ticket.ownerEmail,
    }));
  }

  /** `https://acme.zendesk.com/agent/tickets/123` */
  ticketUrl(ticketId: number): string {
    return `${this.deps.zendeskUrl.replace(/\/+$/, "")}/agent/tickets/${ticketId}`;
  }

  /** Owners (lower case) whose next digest has forwarded tickets to show. */
  repsWithUnshown(): Promise<Set<string>> {
    return this.deps.store.repsWithUnshownForwards();
  }

  /** Queues a manager digest with the approvals no digest has shown yet, taken in the same step. */
  enqueueWithApprovals(
    manager: string,
    localDate: IsoDate,
    message: MessageWithForwards,
    now: Date,
  ): Promise<boolean> {
    return this.deps.store.enqueueWithApprovals(manager, localDate, message, now);
  }
}
