// The fix for each rule: which button a finding gets and which record fields that fix writes.
// One place for the decision, used by digests, /nudge me, App Home and the fix modals alike.
import type { Finding, RuleId } from "./findings.ts";

export type FixKind =
  | "next-step"
  | "close-date"
  | "deck-link"
  | "closed-reason"
  | "how-heard"
  | "command-plan"
  | "rank-account"
  /** Nothing the bot can write: the button opens the record in the CRM. */
  | "open-in-crm";

export const FIX_OF_RULE: Readonly<Record<RuleId, FixKind>> = {
  "next-step-missing": "next-step",
  "next-step-overdue": "next-step",
  "next-step-vague": "next-step",
  "deck-missing": "deck-link",
  "command-plan-overview-missing": "command-plan",
  "command-plan-incomplete": "command-plan",
  "source-missing": "how-heard",
  "closed-reason-missing": "closed-reason",
  "activity-missing": "open-in-crm",
  "close-date-passed": "close-date",
  "account-unranked": "rank-account",
  "account-tier-details-missing": "rank-account",
  "segment-mismatch": "open-in-crm",
  "possible-duplicate": "open-in-crm",
};

/** The button's label. "Open in …" is completed with the CRM's name by the view. */
export const FIX_LABELS: Readonly<Record<Exclude<FixKind, "open-in-crm">, string>> = {
  "next-step": "Update next step",
  "close-date": "Update close date",
  "deck-link": "Add deck link",
  "closed-reason": "Set the reason",
  "how-heard": "Set how they heard",
  "command-plan": "Fill in the plan",
  "rank-account": "Rank the account",
};

/**
 * The distinct fixes a record's findings call for, in the findings' order: the first is the
 * primary button, the rest sit beside it. A closed opportunity never gets a next-step or
 * close-date fix (its rules do not fire on closed deals; this keeps it so whatever reaches here).
 */
export function fixesFor(findings: readonly Pick<Finding, "rule">[], closed = false): FixKind[] {
  const kinds: FixKind[] = [];
  for (const finding of findings) {
    const kind = FIX_OF_RULE[finding.rule];
    if (closed && (kind === "next-step" || kind === "close-date")) continue;
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}
