// The "Update next step" modal's submission. Slack wants the answer within 3 seconds and the CRM
// may take longer, so: validate synchronously (errors shown in the modal), answer with a "Saving…"
// view, and only then read and write the CRM; the modal is updated with the result (or the form
// again, with what the CRM said), then the nudge is updated in place.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { View } from "@slack/types";
import { z } from "zod";
import { isValidTimezone } from "../../../domain/dates.ts";
import type { NextStepOutcome } from "../../../services/nudge-service.ts";
import { escapeMrkdwn } from "../../views/mrkdwn.ts";
import {
  NEXT_STEP_BLOCK,
  NEXT_STEP_DATE_BLOCK,
  NEXT_STEP_NOT_SAVED,
  type NextStepModalContext,
  type NextStepValues,
  nextStepModal,
  nextStepNoticeModal,
  nextStepSavedModal,
  nextStepSavingModal,
} from "../../views/next-step-modal.ts";
import { afterAck } from "../after-ack.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const metadataSchema = z.object({
  oppId: z.string().min(1),
  tz: z.string().refine(isValidTimezone),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

const BLOCK_OF = { nextStep: NEXT_STEP_BLOCK, nextStepDate: NEXT_STEP_DATE_BLOCK } as const;

function parseMetadata(text: string): NextStepModalContext | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text || "{}"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function resultView(outcome: NextStepOutcome, context: NextStepModalContext, values: NextStepValues): View {
  switch (outcome.status) {
    case "saved":
      return nextStepSavedModal(outcome.opp);
    case "refused":
      return nextStepModal(outcome.opp, context, true, {
        values,
        problem: { field: outcome.field, message: outcome.message },
      });
    case "failed":
      return nextStepModal(outcome.opp, context, true, {
        values,
        problem: { field: null, message: NEXT_STEP_NOT_SAVED },
      });
    default:
      return nextStepNoticeModal(outcome.status);
  }
}

export function nextStepSubmission(services: ListenerServices) {
  const service = services.nudge;
  return async ({ ack, body, view }: Args): Promise<void> => {
    const context = parseMetadata(view.private_metadata);
    if (!context) {
      await ack({
        response_action: "errors",
        errors: { [NEXT_STEP_BLOCK]: "This form is out of date: open it again from the nudge." },
      });
      return;
    }
    const values = {
      nextStep: view.state.values[NEXT_STEP_BLOCK]?.value?.value ?? "",
      nextStepDate: view.state.values[NEXT_STEP_DATE_BLOCK]?.value?.selected_date ?? "",
    };
    const errors = service.validateNextStep(values, service.todayIn(context.tz));
    if (Object.keys(errors).length > 0) {
      const byBlock = Object.fromEntries(
        Object.entries(errors).map(([field, message]) => [BLOCK_OF[field as keyof typeof BLOCK_OF], message]),
      );
      await ack({ response_action: "errors", errors: byBlock });
      return;
    }
    await ack({ response_action: "update", view: nextStepSavingModal(values) });
    await afterAck();

    const outcome = await service.saveNextStep(body.user.id, context.oppId, values);
    await service.replaceModal(view.id, resultView(outcome, context, values));
    if (outcome.status !== "saved") return;
    const { channel, ts, oppId } = context;
    if (channel && ts) {
      const note = `:white_check_mark: Next step set: ${escapeMrkdwn(values.nextStep.trim())} (${values.nextStepDate}).`;
      await service.replaceRecordInNudge(channel, ts, "opportunity", oppId, note);
    }
    await publishHome(services, body.user.id);
  };
}
