// The fix modal in each of its states: loading, the form for one fix kind (with what the CRM said
// about the last try), saving, saved, and a notice when there is no form to show (a read-only
// source, a field the CRM will not let the bot write, a record changed since the digest …).
import type { KnownBlock, View } from "@slack/types";
import { type FixFieldName, fixField, type RecordPatch } from "../../domain/fix-fields.ts";
import { FIX_LABELS, type FixKind } from "../../domain/fixes.ts";
import { CALLBACK_IDS } from "../../messages/ids.ts";
import { dateInput, numberInput, selectInput, textInput, urlInput } from "../../messages/inputs.ts";
import { escapeMrkdwn, mrkdwnLink, plainText, truncate } from "../../messages/mrkdwn.ts";
import type { FixForm, FixOutcome, FixTarget } from "../../services/record-fixes.ts";

/** What the form carries in private_metadata: the form without the record's values, and where the nudge is. */
export type FixModalContext = Omit<FixForm, "initial"> & {
  channel?: string | undefined;
  ts?: string | undefined;
};

export interface FixProblem {
  field: FixFieldName | null;
  message: string;
}

/** `nextStepDate` → `next_step_date`: the input block of a field. */
export function fixBlockId(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const NOUNS: Record<FixKind, string> = {
  "next-step": "next step",
  "close-date": "close date",
  "deck-link": "deck link",
  "closed-reason": "closed reason",
  "how-heard": "lead source",
  "command-plan": "command plan",
  "rank-account": "tier",
  "open-in-crm": "record",
};

const recordWord = (kind: FixKind) => (kind === "rank-account" ? "account" : "opportunity");

function title(kind: FixKind) {
  return plainText(kind === "open-in-crm" ? "Open in the CRM" : FIX_LABELS[kind], 24);
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } };
}

function notice(kind: FixKind, text: string, heading: string | null = null): View {
  return {
    type: "modal",
    title: title(kind),
    close: { type: "plain_text", text: "Close" },
    blocks: [...(heading ? [headingBlock(heading)] : []), section(text)],
  };
}

function headingBlock(heading: string): KnownBlock {
  return section(`*${escapeMrkdwn(truncate(heading, 300))}*`);
}

function whereList(where: { label: string; where: string }[]): string {
  return where.map((entry) => `• *${escapeMrkdwn(entry.label)}*: ${escapeMrkdwn(entry.where)}`).join("\n");
}

/** Shown at once while the record is read, so the trigger id is used before it expires. */
export function fixLoadingModal(kind: FixKind): View {
  return notice(
    kind,
    `:hourglass_flowing_sand: Loading the ${kind === "open-in-crm" ? "record" : recordWord(kind)}…`,
  );
}

function inputFor(form: FixModalContext, name: FixFieldName, value: string | null): KnownBlock {
  const field = fixField(name);
  const block = fixBlockId(name);
  const common = { optional: !field.required, ...(field.hint ? { hint: field.hint } : {}) };
  const choices = form.choices[name];
  switch (field.input) {
    case "date":
      return dateInput(block, field.label, {
        ...common,
        initial: value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null,
      });
    case "url":
      return urlInput(block, field.label, common);
    case "number":
      return numberInput(block, field.label, {
        ...common,
        decimal: false,
        initial: value !== null && value !== "" && Number.isFinite(Number(value)) ? Number(value) : null,
      });
    case "choice":
      // Slack lists at most 100 options; a longer picklist is typed, and checked against it.
      if (choices && choices.length <= 100)
        return selectInput(block, field.label, choices, {
          ...common,
          initial: value && choices.includes(value) ? value : null,
        });
      return textInput(block, field.label, { ...common, initial: value, max: 255 });
    default:
      return textInput(block, field.label, {
        ...common,
        multiline: field.input === "long-text",
        max: field.input === "long-text" ? 3000 : 255,
        initial: value,
      });
  }
}

/** The context as metadata; a picklist too long for Slack's 3,000 characters is left to the CRM to check. */
function metadata(context: FixModalContext): string {
  const full = JSON.stringify(context);
  return full.length <= 3000 ? full : JSON.stringify({ ...context, choices: {}, elsewhere: [] });
}

/**
 * The form. After a refused or failed save it comes back with what the person typed (`retry`),
 * the problem next to the field it concerns.
 */
export function fixFormModal(
  form: FixForm | FixModalContext,
  where: { channel?: string | undefined; ts?: string | undefined },
  retry: { values: Partial<Record<string, string | null>>; problem: FixProblem } | null = null,
): View {
  const { initial, ...rest } = form as FixForm;
  const context: FixModalContext = { ...rest, ...where };
  const problem = retry?.problem ?? null;
  const problemAt = (field: FixFieldName | null) =>
    problem && problem.field === field
      ? [section(`:warning: ${escapeMrkdwn(truncate(problem.message, 2_000))}`)]
      : [];
  const shown = (name: FixFieldName) => (retry ? (retry.values[name] ?? null) : (initial?.[name] ?? null));
  const elsewhere =
    context.elsewhere.length > 0
      ? [
          {
            type: "context",
            elements: [
              {
                type: "mrkdwn",
                text: truncate(
                  `nudgebot may not change these; change them in the CRM:\n${whereList(context.elsewhere)}`,
                  3000,
                ),
              },
            ],
          } as KnownBlock,
        ]
      : [];
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.fix,
    private_metadata: metadata(context),
    title: title(context.kind),
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      headingBlock(context.heading),
      ...problemAt(null),
      ...context.fields.flatMap((name) => [inputFor(context, name, shown(name)), ...problemAt(name)]),
      ...elsewhere,
    ],
  };
}

const OPEN_IN_CRM_TEXT: Record<string, string> = {
  "activity-missing":
    "Log the call, meeting or email on it, so whoever reads the record next knows where it stands.",
  "segment-mismatch":
    "Check the account's employee count and segment by the rules of engagement: Datafox, then DiscoverOrg, then LinkedIn; never ask the customer. Correct the segment (or the count) on the account.",
  "possible-duplicate":
    "Check whether it duplicates another opportunity on the account, and close the duplicate.",
};

const forbidden = (kind: FixKind) => {
  const records = { "open-in-crm": "records", "rank-account": "accounts" }[kind as string] ?? "opportunities";
  return `You can update the ${NOUNS[kind]} of your own ${records} only (managers: their reps', admins: everyone's).`;
};

const UNREADABLE =
  "I couldn't read the pipeline from the CRM just now. Close this and try again in a minute; if it keeps happening, tell your admin.";

const READ_ONLY =
  "The pipeline comes from a read-only source (a CSV export), so nudgebot cannot write to it. Change it where it comes from; the next export clears this nudge:";

/** What the button opens: the form, or a notice saying why there is none and what to do. */
export function fixTargetModal(
  target: FixTarget,
  where: { channel?: string | undefined; ts?: string | undefined },
): View {
  switch (target.status) {
    case "ready":
      return fixFormModal(target.form, where);
    case "read-only":
      return notice(target.kind, `${READ_ONLY}\n${whereList(target.where)}`, target.heading);
    case "not-updateable":
      return notice(
        target.kind,
        `The CRM does not let nudgebot change this, so change it there (or ask your admin to give nudgebot's user edit access):\n${whereList(target.where)}`,
        target.heading,
      );
    case "open-in-crm": {
      const what = (target.rule && OPEN_IN_CRM_TEXT[target.rule]) ?? "Update it in the CRM.";
      const link = target.url
        ? mrkdwnLink(target.url, `Open it in ${target.crm}`)
        : `Open it in ${escapeMrkdwn(target.crm)}.`;
      return notice("open-in-crm", `${escapeMrkdwn(what)}\n${link}`, target.heading);
    }
    case "nothing-to-fill":
      return notice(
        target.kind,
        "There is nothing left to fill in here: the next digest clears this nudge.",
        target.heading,
      );
    case "closed":
      return notice(
        target.kind,
        `This opportunity is closed: its ${NOUNS[target.kind]} no longer needs updating.`,
        target.heading,
      );
    case "missing":
      return notice(target.kind, `That ${recordWord(target.kind)} is no longer in the pipeline.`);
    case "forbidden":
      return notice(target.kind, forbidden(target.kind));
    default:
      return notice(target.kind, UNREADABLE);
  }
}

/** For a button whose value cannot be read (a message from an older version, or tampered with). */
export function fixOutOfDateModal(): View {
  return notice(
    "open-in-crm",
    "This button is out of date: use the one in your latest digest, or `/nudge me`.",
  );
}

/** The answer to the submission itself: the write happens after it, then the modal is updated. */
export function fixSavingModal(kind: FixKind): View {
  return notice(kind, `:hourglass_flowing_sand: Saving your ${NOUNS[kind]} to the CRM…`);
}

/** One line of what was saved: "Next step: Call Dana (2026-03-12)" or "Close date: 2026-04-01". */
export function savedSummary(kind: FixKind, patch: RecordPatch): string {
  if (kind === "next-step")
    return `Next step: ${patch.nextStep ?? ""}${patch.nextStepDate ? ` (${patch.nextStepDate})` : ""}`;
  return Object.entries(patch)
    .map(([name, value]) => `${fixField(name as FixFieldName).label}: ${truncate(String(value), 200)}`)
    .join("; ");
}

export function fixSavedModal(context: FixModalContext, patch: RecordPatch): View {
  return notice(
    context.kind,
    `:white_check_mark: Saved. ${escapeMrkdwn(savedSummary(context.kind, patch))}.`,
    context.heading,
  );
}

/** When a save did not happen and there is no form to bring back. */
export function fixOutcomeModal(
  context: FixModalContext,
  outcome: Exclude<FixOutcome, { status: "saved" | "refused" | "failed" }>,
): View {
  const record = recordWord(context.kind);
  switch (outcome.status) {
    case "changed": {
      const why = {
        gone: `That ${record} is no longer in the CRM (deleted or merged since the digest)`,
        reassigned: `That ${record} was given to another owner since the digest`,
        closed: "That opportunity was closed since the digest",
      }[outcome.change];
      return notice(context.kind, `${why}, so nothing was saved.`, context.heading);
    }
    case "forbidden":
      return notice(context.kind, forbidden(context.kind));
    default:
      return notice(context.kind, READ_ONLY, context.heading);
  }
}

/** Shown next to the form when the CRM did not answer a save. */
export function fixNotSaved(kind: FixKind): string {
  return `The CRM did not answer, so your ${NOUNS[kind]} may not be saved. Press Save to try again; if it keeps happening, tell your admin.`;
}
