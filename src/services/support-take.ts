// "Take it" on a breach alert: finds the rep's agent in the help desk by email, assigns the ticket
// unless someone has it, records who took it, and updates the alert in place to say how it went.
import type { KnownBlock } from "@slack/types";
import type { SlaMetric } from "../domain/support-ticket.ts";
import type { Logger } from "../logging.ts";
import { alertWithNote, type TakeNote } from "../messages/support-alert.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import type { OutboxStore } from "../store/store.ts";
import type { SupportAlertStore } from "../store/support-alerts-store.ts";
import type { Directory } from "./directory.ts";
import { supportAlertKey } from "./outbox-keys.ts";
import type { SlackApi } from "./ports/slack-port.ts";
import type { SupportDesk } from "./ports/support-desk-port.ts";

export interface SupportTakeDeps {
  desk: Pick<SupportDesk, "findAgent" | "assignIfUnassigned">;
  store: Pick<SupportAlertStore, "markSupportAlertTaken"> &
    Pick<OutboxStore, "findSentMessage" | "updateSentPayload">;
  directory: Pick<Directory, "emailOf">;
  slack: Pick<SlackApi, "updateMessage">;
  logger: Logger;
  clock: () => Date;
}

export interface TakeRequest {
  userId: string;
  ticketId: number;
  metric: SlaMetric;
  /** Where the alert is, to update it in place. */
  message: { channel: string; ts: string } | null;
}

export interface TakeResult {
  note: TakeNote;
  /** True when the stored alert DM was updated in Slack; false leaves it to the caller. */
  updated: boolean;
  /** The alert as it should now read, when it was found: for the caller to show if Slack's update failed. */
  blocks?: KnownBlock[];
}

export class SupportTakeService {
  constructor(private readonly deps: SupportTakeDeps) {}

  /** Throws the desk's SupportDeskError when it cannot be asked; nothing is recorded then. */
  async take(request: TakeRequest): Promise<TakeResult> {
    // Only the button of the alert itself assigns: its message is the one sent with this ticket's and
    // metric's key, so a value edited into another message's button assigns nothing.
    const sent = request.message
      ? await this.deps.store.findSentMessage(request.message.channel, request.message.ts)
      : null;
    if (!request.message || !sent || sent.key !== supportAlertKey(request.ticketId, request.metric)) {
      this.deps.logger.warn(
        { ticket: request.ticketId, metric: request.metric, user: request.userId },
        "Take it refused: not on the breach alert sent for this ticket",
      );
      return { note: { kind: "not-an-alert" }, updated: false };
    }
    const note = await this.assign(request);
    const blocks = alertWithNote(
      (sent.payload.blocks ?? []) as KnownBlock[],
      request.ticketId,
      request.metric,
      note,
    );
    const updated = await this.updateAlert(request.message, sent, request, blocks);
    return { note, updated, blocks };
  }

  private async assign(request: TakeRequest): Promise<TakeNote> {
    const { deps } = this;
    const email = (await deps.directory.emailOf(request.userId))?.toLowerCase() ?? null;
    if (!email) return { kind: "no-agent", email: "your Slack email" };
    const agent = await deps.desk.findAgent(email);
    if (!agent) return { kind: "no-agent", email };
    const outcome = await deps.desk.assignIfUnassigned(request.ticketId, agent.id);
    const log = { ticket: request.ticketId, metric: request.metric, rep: email, outcome: outcome.kind };
    deps.logger.info(log, "breach alert taken");
    if (outcome.kind === "closed") return { kind: "closed" };
    // Not theirs: nothing is recorded as taken, and the rep is told why.
    if (outcome.kind === "refused") return { kind: "refused", detail: outcome.detail };
    // Assigned now, or already theirs (a second click, or they took it in the desk): it is theirs.
    if (outcome.kind === "assigned" || outcome.by?.id === agent.id) {
      await deps.store.markSupportAlertTaken(request.ticketId, request.metric, email, deps.clock());
      return { kind: "taken-by-you" };
    }
    return { kind: "taken", by: outcome.by?.name ?? null };
  }

  /** The stored DM with its buttons replaced by the note, in Slack and in the store. */
  private async updateAlert(
    message: { channel: string; ts: string },
    sent: OutboxMessage,
    request: TakeRequest,
    blocks: KnownBlock[],
  ): Promise<boolean> {
    const { deps } = this;
    // Kept as shown from now on, whichever way it reaches Slack.
    await deps.store.updateSentPayload(sent.key, { ...sent.payload, blocks });
    try {
      await deps.slack.updateMessage(message.channel, message.ts, sent.payload.text, blocks);
      return true;
    } catch (error) {
      // The ticket is assigned (or not) already: the caller shows the outcome another way.
      deps.logger.warn(
        { ticket: request.ticketId, metric: request.metric, err: error },
        "could not update the breach alert in Slack; answering the click instead",
      );
      return false;
    }
  }
}
