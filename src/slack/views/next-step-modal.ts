// The "Update next step" modal in each of its states: loading, the form (with what the CRM said
// about the last try), read-only, saving, saved, and a notice when there is nothing to show.
import type { KnownBlock, View } from "@slack/types";
import type { Opportunity } from "../../domain/model.ts";
import { CALLBACK_IDS } from "../ids.ts";
import { escapeMrkdwn, truncate } from "./mrkdwn.ts";

export interface NextStepModalContext {
  oppId: string;
  /** The owner's timezone: "today" for the date check, known without reading the CRM again. */
  tz: string;
  /** Where the nudge was, so it can be updated in place after the save. */
  channel?: string | undefined;
  ts?: string | undefined;
}

export interface NextStepValues {
  nextStep: string;
  nextStepDate: string;
}

/** Why the last save did not happen; `field` puts the message next to that field. */
export interface NextStepProblem {
  field: keyof NextStepValues | null;
  message: string;
}

export const NEXT_STEP_BLOCK = "next_step";
export const NEXT_STEP_DATE_BLOCK = "next_step_date";

type Heading = Pick<Opportunity, "name" | "stage">;

const TITLE = { type: "plain_text" as const, text: "Update next step" };

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function headingBlock(opp: Heading): KnownBlock {
  return section(`*${escapeMrkdwn(truncate(opp.name, 200))}*  ·  ${escapeMrkdwn(opp.stage)}`);
}

function problemBlock(message: string): KnownBlock {
  return section(`:warning: ${escapeMrkdwn(truncate(message, 2_000))}`);
}

function notice(text: string, heading: Heading | null = null): View {
  return {
    type: "modal",
    title: TITLE,
    close: { type: "plain_text", text: "Close" },
    blocks: [...(heading ? [headingBlock(heading)] : []), section(text)],
  };
}

/** Shown at once while the opportunity is read, so the trigger id is used before it expires. */
export function nextStepLoadingModal(): View {
  return notice(":hourglass_flowing_sand: Loading the opportunity…");
}

/**
 * The form, or for a read-only source where to make the change instead. `opp` is null only when a
 * save failed before the record could be read: the form comes back without its heading.
 */
export function nextStepModal(
  opp: (Heading & Pick<Opportunity, "nextStep" | "nextStepDate">) | null,
  context: NextStepModalContext,
  writable: boolean,
  retry: { values: NextStepValues; problem: NextStepProblem } | null = null,
): View {
  if (!writable && opp) {
    return notice(
      "The pipeline comes from a read-only source (a CSV export), so nudgebot cannot write to it. " +
        "Update Next Steps and Next Step Date on the opportunity in your CRM; the next export clears this nudge.",
      opp,
    );
  }
  // After a refused save the form comes back with what the rep typed, not the CRM's old values.
  const nextStep = retry ? retry.values.nextStep : (opp?.nextStep ?? "");
  const nextStepDate = retry ? retry.values.nextStepDate : (opp?.nextStepDate ?? "");
  const problem = retry?.problem ?? null;
  const problemAt = (field: keyof NextStepValues | null) =>
    problem && problem.field === field ? [problemBlock(problem.message)] : [];
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.nextStep,
    private_metadata: JSON.stringify(context),
    title: TITLE,
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      ...(opp ? [headingBlock(opp)] : []),
      ...problemAt(null),
      {
        type: "input",
        block_id: NEXT_STEP_BLOCK,
        label: { type: "plain_text", text: "Next step" },
        hint: { type: "plain_text", text: "Specific enough to act on within 3 minutes of reading it." },
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: 255,
          ...(nextStep ? { initial_value: nextStep.slice(0, 255) } : {}),
        },
      },
      ...problemAt("nextStep"),
      {
        type: "input",
        block_id: NEXT_STEP_DATE_BLOCK,
        label: { type: "plain_text", text: "Next step date" },
        element: {
          type: "datepicker",
          action_id: "value",
          ...(/^\d{4}-\d{2}-\d{2}$/.test(nextStepDate) ? { initial_date: nextStepDate } : {}),
        },
      },
      ...problemAt("nextStepDate"),
    ],
  };
}

/** The answer to the submission itself: the write happens after it, then the modal is updated. */
export function nextStepSavingModal(values: NextStepValues): View {
  return notice(
    `:hourglass_flowing_sand: Saving your next step to the CRM…\n>${escapeMrkdwn(values.nextStep.trim())} (${escapeMrkdwn(values.nextStepDate)})`,
  );
}

export function nextStepSavedModal(opp: Heading & Pick<Opportunity, "nextStep" | "nextStepDate">): View {
  return notice(
    `:white_check_mark: Saved. Next step: ${escapeMrkdwn(opp.nextStep ?? "")} (${escapeMrkdwn(opp.nextStepDate ?? "")}).`,
    opp,
  );
}

const NOTICES = {
  missing: "That opportunity is no longer in the pipeline.",
  forbidden:
    "You can update the next step of your own opportunities only (managers: their reps', admins: everyone's).",
  "read-only":
    "The pipeline comes from a read-only source, so nudgebot cannot write to it: change it in your CRM.",
  unreadable:
    "I couldn't read the pipeline from the CRM just now. Close this and try again in a minute; if it keeps happening, tell your admin.",
} as const;

/** When there is no form to show: the record is gone, not the viewer's, or the CRM did not answer. */
export function nextStepNoticeModal(reason: keyof typeof NOTICES): View {
  return notice(NOTICES[reason]);
}

/** Shown next to the form when the CRM did not answer a save. */
export const NEXT_STEP_NOT_SAVED =
  "The CRM did not answer, so your next step may not be saved. Press Save to try again; if it keeps happening, tell your admin.";
