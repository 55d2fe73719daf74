// The "Update next step" modal's submission: validated field by field (errors shown in the modal),
// written back through the source, then the nudge is updated in place.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { WriteBackError } from "../../../errors.ts";
import { escapeMrkdwn } from "../../views/mrkdwn.ts";
import { NEXT_STEP_BLOCK, NEXT_STEP_DATE_BLOCK } from "../../views/next-step-modal.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const metadataSchema = z.object({
  oppId: z.string().min(1),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

const BLOCK_OF = { nextStep: NEXT_STEP_BLOCK, nextStepDate: NEXT_STEP_DATE_BLOCK } as const;

export function nextStepSubmission(services: ListenerServices) {
  const service = services.nudge;
  return async ({ ack, body, view }: Args): Promise<void> => {
    const metadata = metadataSchema.safeParse(JSON.parse(view.private_metadata || "{}"));
    if (!metadata.success) {
      await ack({
        response_action: "errors",
        errors: { [NEXT_STEP_BLOCK]: "This form is out of date: open it again from the nudge." },
      });
      return;
    }
    const input = {
      nextStep: view.state.values[NEXT_STEP_BLOCK]?.value?.value ?? "",
      nextStepDate: view.state.values[NEXT_STEP_DATE_BLOCK]?.value?.selected_date ?? "",
    };
    const { viewer, view: pipeline } = await service.viewer(body.user.id);
    const errors = service.validateNextStep(input, service.todayOf(viewer, pipeline));
    if (Object.keys(errors).length > 0) {
      const byBlock = Object.fromEntries(
        Object.entries(errors).map(([field, message]) => [BLOCK_OF[field as keyof typeof BLOCK_OF], message]),
      );
      await ack({ response_action: "errors", errors: byBlock });
      return;
    }
    try {
      await service.updateNextStep(viewer, pipeline, metadata.data.oppId, input);
    } catch (error) {
      if (!(error instanceof WriteBackError)) throw error;
      await ack({
        response_action: "errors",
        errors: { [BLOCK_OF[error.field ?? "nextStep"]]: error.message },
      });
      return;
    }
    await ack();
    const { channel, ts, oppId } = metadata.data;
    if (channel && ts) {
      const note = `:white_check_mark: Next step set: ${escapeMrkdwn(input.nextStep.trim())} (${input.nextStepDate}).`;
      await service.replaceRecordInNudge(channel, ts, "opportunity", oppId, note);
    }
    await publishHome(services, body.user.id);
  };
}
