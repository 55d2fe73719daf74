// The "Update next step" modal: next step text and date, or, for a read-only source, why not.
import type { View } from "@slack/types";
import type { Opportunity } from "../../domain/model.ts";
import { CALLBACK_IDS } from "../ids.ts";
import { escapeMrkdwn, truncate } from "./mrkdwn.ts";

export interface NextStepModalContext {
  oppId: string;
  /** Where the nudge was, so it can be updated in place after the save. */
  channel?: string | undefined;
  ts?: string | undefined;
}

export const NEXT_STEP_BLOCK = "next_step";
export const NEXT_STEP_DATE_BLOCK = "next_step_date";

export function nextStepModal(opp: Opportunity, context: NextStepModalContext, writable: boolean): View {
  const title = { type: "plain_text" as const, text: "Update next step" };
  const heading = {
    type: "section" as const,
    text: {
      type: "mrkdwn" as const,
      text: `*${escapeMrkdwn(truncate(opp.name, 200))}*  ·  ${escapeMrkdwn(opp.stage)}`,
    },
  };
  if (!writable) {
    return {
      type: "modal",
      title,
      close: { type: "plain_text", text: "Close" },
      blocks: [
        heading,
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text:
              "The pipeline comes from a read-only source (a CSV export), so nudgebot cannot write to it. " +
              "Update Next Steps and Next Step Date on the opportunity in your CRM; the next export clears this nudge.",
          },
        },
      ],
    };
  }
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.nextStep,
    private_metadata: JSON.stringify(context),
    title,
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      heading,
      {
        type: "input",
        block_id: NEXT_STEP_BLOCK,
        label: { type: "plain_text", text: "Next step" },
        hint: { type: "plain_text", text: "Specific enough to act on within 3 minutes of reading it." },
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: 255,
          ...(opp.nextStep ? { initial_value: opp.nextStep.slice(0, 255) } : {}),
        },
      },
      {
        type: "input",
        block_id: NEXT_STEP_DATE_BLOCK,
        label: { type: "plain_text", text: "Next step date" },
        element: {
          type: "datepicker",
          action_id: "value",
          ...(opp.nextStepDate ? { initial_date: opp.nextStepDate } : {}),
        },
      },
    ],
  };
}
