// The checks a fix's values must pass before anything is sent to the CRM, as sentences shown beside
// each field of the modal. Pure.
import { isIsoDate } from "./dates.ts";
import { type FixField, type FixFieldName, needsPotentialUsers, webAddress } from "./fix-fields.ts";
import { COMMAND_PLAN_FIELDS } from "./model.ts";

export interface FixCheck {
  /** Today in the record owner's timezone. */
  today: string;
  isVague: (text: string) => boolean;
  /** The allowed values of a choice field (the CRM's picklist, or the domain's tiers). */
  choices: Partial<Record<FixFieldName, readonly string[]>>;
  /** SMB accounts: a tier needs its details (Potential Users or Tier Notes) in the same save. */
  tierDetails: boolean;
}

export type FixErrors = Partial<Record<FixFieldName, string>>;

/** Checks what was typed, field by field; the messages are sentences shown beside each field. */
export function validateFix(
  fields: readonly FixField[],
  values: Partial<Record<string, string | null>>,
  check: FixCheck,
): FixErrors {
  const errors: FixErrors = {};
  const text = (name: string) => (values[name] ?? "").trim();
  for (const field of fields) {
    const value = text(field.name);
    if (value === "") {
      if (field.required) errors[field.name] = emptyMessage(field);
      continue;
    }
    const problem = checkValue(field, value, check);
    if (problem) errors[field.name] = problem;
  }
  const planFields = fields.filter((field) =>
    (COMMAND_PLAN_FIELDS as readonly string[]).includes(field.name),
  );
  const [firstPlanField] = planFields;
  if (firstPlanField && planFields.every((field) => text(field.name) === "")) {
    errors[firstPlanField.name] = "Fill in at least one field of the plan.";
  }
  const tier = text("tier");
  if (check.tierDetails && fields.some((field) => field.name === "tier") && !errors.tier && tier !== "") {
    if (needsPotentialUsers(tier) && text("potentialUsers") === "" && !errors.potentialUsers)
      errors.potentialUsers = `A Tier ${tier} account needs its potential users.`;
    if (!needsPotentialUsers(tier) && text("tierNotes") === "")
      errors.tierNotes = `A Tier ${tier} account needs notes on why it is Tier ${tier}.`;
  }
  return errors;
}

function emptyMessage(field: FixField): string {
  switch (field.input) {
    case "date":
      return `Pick the ${field.label.toLowerCase()}.`;
    case "choice":
      return `Choose the ${field.label.toLowerCase()}.`;
    case "url":
      return "Paste the link to the deck.";
    default:
      return field.name === "nextStep" ? "Write the next step." : `Fill in ${field.label}.`;
  }
}

function checkValue(field: FixField, value: string, check: FixCheck): string | null {
  switch (field.input) {
    case "date":
      if (!isIsoDate(value)) return `Pick the ${field.label.toLowerCase()}.`;
      return value < check.today ? `The ${field.label.toLowerCase()} can't be in the past.` : null;
    case "url":
      return webAddress(value) ? null : "That is not a web link: it must start with https:// or http://.";
    case "number": {
      const number = Number(value);
      return Number.isInteger(number) && number >= 0 ? null : "A whole number, 0 or more.";
    }
    case "choice": {
      const allowed = check.choices[field.name];
      return allowed && !allowed.includes(value) ? `Choose one of the listed values.` : null;
    }
    default:
      if (field.name === "nextStep" && check.isVague(value))
        return "Too vague to act on: say what you will do, with whom.";
      return null;
  }
}
