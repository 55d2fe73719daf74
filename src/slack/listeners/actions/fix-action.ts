// A record's fix button (or an entry of the overflow beside it, or the "Update next step" button of
// a message sent before fixes had kinds): opens the modal for that fix. The trigger id lives 3
// seconds, so the modal opens before any CRM read: straight from a fresh cache, else as
// "Loading…" that is filled in once the pipeline has been read.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decodeFix, type FixValue } from "../../../messages/ids.ts";
import { fixLoadingModal, fixOutOfDateModal, fixTargetModal } from "../../views/fix-modal.ts";
import { afterAck } from "../after-ack.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The fix a click asks for; `legacy`: the old next-step button, whose value is the opportunity id. */
function fixOf(action: BlockAction["actions"][number], legacy: boolean): FixValue | null {
  if (action.type === "button") {
    if (!action.value) return null;
    return legacy
      ? { kind: "next-step", recordType: "opportunity", recordId: action.value }
      : decodeFix(action.value);
  }
  if (action.type === "overflow" && !legacy) return decodeFix(action.selected_option.value);
  return null;
}

export function fixAction(services: ListenerServices, legacy = false) {
  const { nudge, fixes, slack } = services;
  return async ({ ack, body, action }: Args): Promise<void> => {
    await ack();
    await afterAck();
    const fix = fixOf(action, legacy);
    if (!fix) {
      await slack.openView(body.trigger_id, fixOutOfDateModal());
      return;
    }
    const inMessage = body.container?.type === "message" && !body.container.is_ephemeral;
    const where = {
      channel: inMessage ? (body.container.channel_id as string) : undefined,
      ts: inMessage ? (body.container.message_ts as string) : undefined,
    };
    const cached = await fixes.targetNow(body.user.id, fix);
    if (cached) {
      await slack.openView(body.trigger_id, fixTargetModal(cached, where));
      return;
    }
    const viewId = await slack.openView(body.trigger_id, fixLoadingModal(fix.kind));
    const target = await fixes.targetRead(body.user.id, fix);
    await nudge.replaceModal(viewId, fixTargetModal(target, where));
  };
}
