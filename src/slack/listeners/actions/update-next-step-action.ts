// "Update next step": opens the modal (or, for a read-only source, says where to make the change).
// The trigger id lives 3 seconds, so the modal opens before any CRM read: straight from a fresh
// cache, else as "Loading…" that is filled in once the pipeline has been read.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import type { NextStepTarget, NudgeService } from "../../../services/nudge-service.ts";
import {
  type NextStepModalContext,
  nextStepLoadingModal,
  nextStepModal,
  nextStepNoticeModal,
} from "../../views/next-step-modal.ts";
import { afterAck } from "../after-ack.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function modalFor(target: NextStepTarget, where: Omit<NextStepModalContext, "tz">): View {
  switch (target.status) {
    case "ready":
      return nextStepModal(target.opp, { ...where, tz: target.timezone }, target.writable);
    case "failed":
      return nextStepNoticeModal("unreadable");
    default:
      return nextStepNoticeModal(target.status);
  }
}

export function updateNextStepAction(service: NudgeService) {
  return async ({ ack, body, action }: Args): Promise<void> => {
    await ack();
    await afterAck();
    const oppId = action.value ?? "";
    const inMessage = body.container?.type === "message" && !body.container.is_ephemeral;
    const where = {
      oppId,
      channel: inMessage ? body.container.channel_id : undefined,
      ts: inMessage ? body.container.message_ts : undefined,
    };
    const cached = await service.nextStepTargetNow(body.user.id, oppId);
    if (cached) {
      await service.slack.openView(body.trigger_id, modalFor(cached, where));
      return;
    }
    const viewId = await service.slack.openView(body.trigger_id, nextStepLoadingModal());
    const target = await service.nextStepTargetRead(body.user.id, oppId);
    await service.replaceModal(viewId, modalFor(target, where));
  };
}
