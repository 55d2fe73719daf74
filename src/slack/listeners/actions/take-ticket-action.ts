// A breach alert's "Take it": acks at once, then asks the help desk (which may be slow or down) and
// updates the alert in place; a desk that cannot be asked is explained, and nothing is assigned.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { decodeAlert } from "../../../messages/ids.ts";
import { alertWithNote, takeNoteText } from "../../../messages/support-alert.ts";
import { SupportDeskError } from "../../../services/ports/support-desk-port.ts";
import type { SupportTakeService } from "../../../services/support-take.ts";
import { afterAck } from "../after-ack.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const DESK_DOWN =
  "Zendesk did not answer, so nothing was assigned. Try again in a minute, or open the ticket in Zendesk.";
const DESK_REFUSED =
  "Zendesk refused nudgebot's credentials, so nothing was assigned: open the ticket in Zendesk, and tell your admin.";

export function takeTicketAction(support: SupportTakeService) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    await afterAck();
    const value = decodeAlert(action.value ?? "");
    if (!value) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: "That button is out of date.",
      });
      return;
    }
    const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
    const message =
      container?.channel_id && container.message_ts
        ? { channel: container.channel_id, ts: container.message_ts }
        : null;
    let result: Awaited<ReturnType<SupportTakeService["take"]>>;
    try {
      result = await support.take({ userId: body.user.id, ...value, message });
    } catch (error) {
      if (!(error instanceof SupportDeskError)) throw error;
      const text = error.kind === "unauthorized" ? DESK_REFUSED : DESK_DOWN;
      await respond({ response_type: "ephemeral", replace_original: false, text });
      return;
    }
    if (result.updated) return;
    if (result.note.kind === "not-an-alert") {
      await respond({ response_type: "ephemeral", replace_original: false, text: takeNoteText(result.note) });
      return;
    }
    // The alert was found but its update did not reach Slack: rewrite what Slack shows.
    const blocks =
      result.blocks ??
      alertWithNote((body.message?.blocks ?? []) as KnownBlock[], value.ticketId, value.metric, result.note);
    await respond({ replace_original: true, text: body.message?.text ?? "Breach alert", blocks });
  };
}
