// A rule line of a digest in words: "12 more opportunities have no logged activity in 14 days".
// Each rule has one phrase, with its threshold from the config where it has one.
import type { RuleId } from "./findings.ts";
import { formatMoney } from "./money.ts";
import type { RuleSettings, SegmentThresholds } from "./settings.ts";

/** What a phrase quotes: the thresholds of the rep's segment, and the settings every segment shares. */
export interface PhraseSettings {
  thresholds: SegmentThresholds;
  closedReasonDays: number;
  currency: string;
}

export function phraseSettings(settings: RuleSettings, segment: string | null | undefined): PhraseSettings {
  const key = segment === "SMB" || segment === "MM" ? segment : settings.defaultSegment;
  return {
    thresholds: settings.segments[key],
    closedReasonDays: settings.closedReasonDays,
    currency: settings.currency,
  };
}

const ACCOUNT_RULES: ReadonlySet<RuleId> = new Set([
  "account-unranked",
  "account-tier-details-missing",
  "segment-mismatch",
]);

interface Verbs {
  has: string;
  is: string;
}

function predicate(rule: RuleId, v: Verbs, s: PhraseSettings): string {
  const money = (amount: number) => formatMoney(amount, s.currency);
  const { thresholds } = s;
  const days = (count: number) => (count === 1 ? "1 day" : `${count} days`);
  switch (rule) {
    case "next-step-missing":
      return `${v.has} no next step or no next step date`;
    case "next-step-overdue":
      return `${v.has} a next step date that has passed`;
    case "next-step-vague":
      return `${v.has} a next step too vague to act on`;
    case "deck-missing":
      return `over ${money(thresholds.deckAmount)} ${v.has} no custom deck`;
    case "command-plan-overview-missing":
      return `over ${money(thresholds.commandPlanAmount)} ${v.has} gaps in the command plan overview`;
    case "command-plan-incomplete":
      return `over ${money(thresholds.fullCommandPlanIacv)} iACV ${v.has} gaps in the full command plan`;
    case "source-missing":
      return `${v.has} no record of how the customer heard about us`;
    case "closed-reason-missing":
      return `closed in the last ${days(s.closedReasonDays)} ${v.has} no closed reason`;
    case "activity-missing":
      return `${v.has} no logged activity in ${days(thresholds.activityDays)}`;
    case "close-date-passed":
      return `${v.has} a close date that has passed`;
    case "account-unranked":
      return `${v.is} not ranked`;
    case "account-tier-details-missing":
      return `${v.has} no potential users or tier notes for their tier`;
    case "segment-mismatch":
      return `${v.has} an employee count outside their segment`;
    case "possible-duplicate":
      return "may duplicate another on the same account";
  }
}

/**
 * The rule line: its count, the records, what is wrong. `more` when the digest's focus comes
 * before it ("12 more opportunities…").
 */
export function ruleLineText(rule: RuleId, count: number, settings: PhraseSettings, more = true): string {
  const one = count === 1;
  const noun = ACCOUNT_RULES.has(rule)
    ? one
      ? "account"
      : "accounts"
    : one
      ? "opportunity"
      : "opportunities";
  const verbs: Verbs = one ? { has: "has", is: "is" } : { has: "have", is: "are" };
  return `${count.toLocaleString("en-US")} ${more ? "more " : ""}${noun} ${predicate(rule, verbs, settings)}`;
}
