// What each fix writes: its fields (domain names), how each is entered, and the patch it sends to
// the CRM (the checks a value must pass are in fix-validation.ts). Pure: the modal, the save and the
// tests share it.
import type { FixKind } from "./fixes.ts";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  COMMAND_PLAN_OVERVIEW_FIELDS,
  type CommandPlanField,
  type Opportunity,
  TIERS,
} from "./model.ts";
import { COMMAND_PLAN_LABELS } from "./rules/command-plan-rules.ts";
import { isBlank } from "./rules/rule.ts";

export type OpportunityFixField =
  | "nextStep"
  | "nextStepDate"
  | "closeDate"
  | "deckUrl"
  | "closedReason"
  | "howHeard"
  | CommandPlanField;
export type AccountFixField = "tier" | "potentialUsers" | "tierNotes";
export type FixFieldName = OpportunityFixField | AccountFixField;

export const FIX_FIELD_NAMES: readonly FixFieldName[] = [
  "nextStep",
  "nextStepDate",
  "closeDate",
  "deckUrl",
  "closedReason",
  "howHeard",
  ...COMMAND_PLAN_FIELDS,
  "tier",
  "potentialUsers",
  "tierNotes",
];

/** Values to write, by domain field name, already in their domain form (dates `YYYY-MM-DD`). */
export type RecordPatch = Partial<Record<FixFieldName, string | number>>;

export type FixInput = "text" | "long-text" | "date" | "url" | "choice" | "number";

export interface FixField {
  name: FixFieldName;
  label: string;
  input: FixInput;
  /** Left empty, a required field is an error; an optional one is not written. */
  required: boolean;
  hint?: string;
}

/** A fix for an opportunity that is still being worked: a closed deal has nothing to do with it. */
export const OPEN_ONLY_FIXES: ReadonlySet<FixKind> = new Set([
  "next-step",
  "close-date",
  "deck-link",
  "how-heard",
  "command-plan",
]);

const OPPORTUNITY_FIELDS: Record<Exclude<OpportunityFixField, CommandPlanField>, FixField> = {
  nextStep: {
    name: "nextStep",
    label: "Next step",
    input: "text",
    required: true,
    hint: "Specific enough to act on within 3 minutes of reading it.",
  },
  nextStepDate: { name: "nextStepDate", label: "Next step date", input: "date", required: true },
  closeDate: { name: "closeDate", label: "Close date", input: "date", required: true },
  deckUrl: {
    name: "deckUrl",
    label: "Link to the custom pitch deck",
    input: "url",
    required: true,
    hint: "The deck's web address (https://…).",
  },
  closedReason: { name: "closedReason", label: "Closed reason", input: "choice", required: true },
  howHeard: { name: "howHeard", label: "How they heard of us", input: "choice", required: true },
};

const ACCOUNT_FIELDS: Record<AccountFixField, FixField> = {
  tier: { name: "tier", label: "Tier", input: "choice", required: true },
  potentialUsers: {
    name: "potentialUsers",
    label: "Potential users",
    input: "number",
    required: false,
    hint: "For Tier 1 and 1.5: how many people could use the product.",
  },
  tierNotes: {
    name: "tierNotes",
    label: "Tier notes",
    input: "long-text",
    required: false,
    hint: "For Tier 2 and 3: why this tier.",
  },
};

const commandPlanField = (name: CommandPlanField): FixField => ({
  name,
  label: COMMAND_PLAN_LABELS[name],
  input: "long-text",
  required: false,
});

/** A field by its name, as every fix that writes it describes it. */
export function fixField(name: FixFieldName): FixField {
  if ((COMMAND_PLAN_FIELDS as readonly string[]).includes(name))
    return commandPlanField(name as CommandPlanField);
  if (name in ACCOUNT_FIELDS) return ACCOUNT_FIELDS[name as AccountFixField];
  return OPPORTUNITY_FIELDS[name as Exclude<OpportunityFixField, CommandPlanField>];
}

/** The tiers whose account needs Potential Users (the others need Tier Notes). */
export const needsPotentialUsers = (tier: string | null | undefined): boolean =>
  tier === "1" || tier === "1.5";

export type FixRecord =
  | { recordType: "opportunity"; record: Opportunity }
  | { recordType: "account"; record: Account };

/**
 * The fields a fix offers for a record. A command plan offers only its empty fields: the overview
 * four, or all eleven when the full plan is due (`fullPlan`). Empty for open-in-crm.
 */
export function fieldsOfFix(kind: FixKind, target: FixRecord, fullPlan = false): FixField[] {
  if (target.recordType === "account") {
    return kind === "rank-account"
      ? [ACCOUNT_FIELDS.tier, ACCOUNT_FIELDS.potentialUsers, ACCOUNT_FIELDS.tierNotes]
      : [];
  }
  switch (kind) {
    case "next-step":
      return [OPPORTUNITY_FIELDS.nextStep, OPPORTUNITY_FIELDS.nextStepDate];
    case "close-date":
      return [OPPORTUNITY_FIELDS.closeDate];
    case "deck-link":
      return [OPPORTUNITY_FIELDS.deckUrl];
    case "closed-reason":
      return [OPPORTUNITY_FIELDS.closedReason];
    case "how-heard":
      return [OPPORTUNITY_FIELDS.howHeard];
    case "command-plan": {
      const plan = fullPlan ? COMMAND_PLAN_FIELDS : COMMAND_PLAN_OVERVIEW_FIELDS;
      return plan.filter((name) => isBlank(target.record.commandPlan[name])).map(commandPlanField);
    }
    default:
      return [];
  }
}

/** A field's current value on the record, as the form shows it. */
export function currentValue(target: FixRecord, name: FixFieldName): string | null {
  if (target.recordType === "account") {
    const value = target.record[name as AccountFixField];
    return value === null || value === undefined ? null : String(value);
  }
  if ((COMMAND_PLAN_FIELDS as readonly string[]).includes(name))
    return target.record.commandPlan[name as CommandPlanField];
  const value = target.record[name as Exclude<OpportunityFixField, CommandPlanField>];
  return value ?? null;
}

/** An http(s) web address, or null. */
export function webAddress(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** What to write: trimmed values of the fields offered, empty optional ones left out. */
export function toPatch(
  fields: readonly FixField[],
  values: Partial<Record<string, string | null>>,
): RecordPatch {
  const patch: RecordPatch = {};
  for (const field of fields) {
    const value = (values[field.name] ?? "").trim();
    if (value === "") continue;
    if (field.input === "number") patch[field.name] = Number(value);
    else if (field.input === "url") patch[field.name] = webAddress(value) ?? value;
    else patch[field.name] = value;
  }
  return patch;
}

/** The record with a write applied, as the CRM now has it. */
export function applyPatch<T extends Opportunity | Account>(record: T, patch: RecordPatch): T {
  const next: Record<string, unknown> = { ...record };
  if ("commandPlan" in record) next.commandPlan = { ...record.commandPlan };
  for (const [name, value] of Object.entries(patch)) {
    if ((COMMAND_PLAN_FIELDS as readonly string[]).includes(name))
      (next.commandPlan as Record<string, unknown>)[name] = value;
    else next[name] = value;
  }
  return next as T;
}

/** The domain's tiers, for the tier select. */
export const TIER_CHOICES: readonly string[] = TIERS;

/** One line for the nudge once the fix is saved: "Next step set: Call Dana (2026-03-12)." */
export function savedNote(kind: FixKind, patch: RecordPatch): string {
  switch (kind) {
    case "next-step":
      return `Next step set: ${patch.nextStep ?? ""}${patch.nextStepDate ? ` (${patch.nextStepDate})` : ""}.`;
    case "close-date":
      return `Close date set: ${patch.closeDate ?? ""}.`;
    case "deck-link":
      return "Deck link added.";
    case "closed-reason":
      return `Closed reason set: ${patch.closedReason ?? ""}.`;
    case "how-heard":
      return `How they heard set: ${patch.howHeard ?? ""}.`;
    case "command-plan": {
      const count = Object.keys(patch).length;
      return `Command plan: ${count} ${count === 1 ? "field" : "fields"} filled in.`;
    }
    case "rank-account":
      return `Account ranked: Tier ${patch.tier ?? ""}.`;
    default:
      return "Updated.";
  }
}
