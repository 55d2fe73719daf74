// What people read for a rule: its name in words. Ids stay in JSON, config and check-config keys.
import type { RuleId } from "./findings.ts";

export const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  "next-step-missing": "No next step",
  "next-step-overdue": "Next step overdue",
  "next-step-vague": "Vague next step",
  "deck-missing": "No custom deck",
  "command-plan-overview-missing": "Command plan overview incomplete",
  "command-plan-incomplete": "Full command plan incomplete",
  "source-missing": "No lead source",
  "closed-reason-missing": "No closed reason",
  "activity-missing": "No recent activity",
  "close-date-passed": "Close date passed",
  "account-unranked": "Account not ranked",
  "account-tier-details-missing": "Tier details missing",
  "segment-mismatch": "Segment mismatch",
  "possible-duplicate": "Possible duplicate",
};

/** A rule's name in words; an id the bot does not know (an old row, a config typo) is shown as it is. */
export function ruleName(rule: string): string {
  return (RULE_NAMES as Record<string, string>)[rule] ?? rule;
}
