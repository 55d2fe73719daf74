// "Update next step": opens the modal (or, for a read-only source, says where to make the change).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { NudgeService } from "../../../services/nudge-service.ts";
import { nextStepModal } from "../../views/next-step-modal.ts";
import { afterAck } from "../after-ack.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function updateNextStepAction(service: NudgeService) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    await afterAck();
    const { view } = await service.viewer(body.user.id);
    const opp = service.opportunity(view, action.value ?? "");
    if (!opp) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: "That opportunity is no longer in the pipeline.",
      });
      return;
    }
    const context = {
      oppId: opp.id,
      channel:
        body.container?.type === "message" && !body.container.is_ephemeral
          ? body.container.channel_id
          : undefined,
      ts:
        body.container?.type === "message" && !body.container.is_ephemeral
          ? body.container.message_ts
          : undefined,
    };
    await service.slack.openView(body.trigger_id, nextStepModal(opp, context, service.canWriteBack()));
  };
}
