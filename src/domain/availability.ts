// Which domain fields each rule needs, and so which rules can run on a given source: the one place
// that turns "this org has no deck field" into "deck-missing is off, and here is how to turn it on".
import { RULE_IDS, type RuleId } from "./findings.ts";
import { COMMAND_PLAN_FIELDS, COMMAND_PLAN_OVERVIEW_FIELDS } from "./model.ts";

/**
 * The fields a source has, as "opportunity.deckUrl", "account.tier", "rep.segment", and what an
 * admin does to make a missing one available. Undefined means every field is available.
 */
export interface FieldAvailability {
  fields: ReadonlySet<string>;
  hint(field: string): string;
}

interface Needs {
  /** Every one of these. */
  all: readonly string[];
  /** At least one of these (the rule checks the ones that exist). */
  anyOf?: readonly string[];
  /** A field the rule does without, checking less: what it then checks. */
  without?: { field: string; checks: string };
}

const opp = (field: string) => `opportunity.${field}`;

/** SPEC's table: what each rule needs to run at all. */
export const RULE_NEEDS: Readonly<Record<RuleId, Needs>> = {
  "next-step-missing": { all: [opp("nextStep")] },
  "next-step-overdue": { all: [opp("nextStepDate")] },
  "next-step-vague": { all: [opp("nextStep")] },
  "deck-missing": { all: [opp("deckUrl"), opp("amount")] },
  "command-plan-overview-missing": { all: [opp("amount")], anyOf: COMMAND_PLAN_OVERVIEW_FIELDS.map(opp) },
  "command-plan-incomplete": { all: [opp("iacv")], anyOf: COMMAND_PLAN_FIELDS.map(opp) },
  "source-missing": { all: [opp("howHeard")] },
  "closed-reason-missing": { all: [opp("closedReason")] },
  "activity-missing": { all: [opp("lastActivityDate")] },
  "close-date-passed": { all: [opp("closeDate")] },
  "account-unranked": { all: ["account.tier"] },
  "account-tier-details-missing": {
    all: ["account.tier"],
    anyOf: ["account.potentialUsers", "account.tierNotes"],
  },
  "segment-mismatch": { all: ["account.segment", "account.employees"] },
  // A report export without an Account ID column names the account instead, and that groups as well.
  "possible-duplicate": {
    all: [],
    anyOf: [opp("accountId"), opp("accountName")],
    without: { field: opp("amount"), checks: "compares names only" },
  },
};

export interface RuleState {
  rule: RuleId;
  on: boolean;
  /** Why it is off, with what turns it on; null when on. */
  reason: string | null;
  /** An on rule checking less than it could, and what would make it check all. */
  note?: string;
}

/** Whether a field is available; every field is when the source says nothing. */
export function fieldCheck(available: FieldAvailability | undefined): (field: string) => boolean {
  return available ? (field) => available.fields.has(field) : () => true;
}

/** Every rule, on or off, with the reason and what would turn it on. */
export function ruleStates(
  available: FieldAvailability | undefined,
  disabled: readonly RuleId[],
): RuleState[] {
  const has = fieldCheck(available);
  const hint = (field: string) => available?.hint(field) ?? "";
  return RULE_IDS.map((rule) => {
    if (disabled.includes(rule)) {
      return { rule, on: false, reason: "disabled: remove it from rules.disabled to turn it on" };
    }
    const needs = RULE_NEEDS[rule];
    const missing = needs.all.find((field) => !has(field));
    if (missing) return { rule, on: false, reason: `no field for ${missing}: ${hint(missing)}` };
    if (needs.anyOf && !needs.anyOf.some(has)) {
      const first = needs.anyOf[0] ?? "";
      return {
        rule,
        on: false,
        reason: `no field for any of ${needs.anyOf.join(", ")}: ${hint(first)} (or any other of them)`,
      };
    }
    const without = needs.without;
    if (without && !has(without.field))
      return {
        rule,
        on: true,
        reason: null,
        note: `${without.checks}: no field for ${without.field}: ${hint(without.field)}`,
      };
    return { rule, on: true, reason: null };
  });
}

/** The rules that run, for the evaluation. */
export function rulesOn(states: readonly RuleState[]): Set<RuleId> {
  return new Set(states.filter((state) => state.on).map((state) => state.rule));
}

/** One line per rule, aligned, as check-config prints and serve logs them. */
export function formatRuleStates(states: readonly RuleState[]): string[] {
  const width = Math.max(...states.map((state) => state.rule.length));
  return states.map((state) => {
    const why = state.reason ?? state.note;
    return `${state.rule.padEnd(width)}  ${state.on ? "on" : "off"}${why ? `  ${why}` : ""}`;
  });
}
