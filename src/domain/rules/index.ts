// All rules, in the order their findings are listed for one record.
import type { RuleId } from "../findings.ts";
import { accountTierDetailsMissing, accountUnranked, segmentMismatch } from "./account-ranking-rules.ts";
import { activityMissing } from "./call-notes-rules.ts";
import { commandPlanIncomplete, commandPlanOverviewMissing } from "./command-plan-rules.ts";
import { deckMissing } from "./custom-deck-rules.ts";
import { closedReasonMissing, sourceMissing } from "./key-information-rules.ts";
import { nextStepMissing, nextStepOverdue, nextStepVague } from "./next-step-rules.ts";
import type { AccountRule, OpportunityRule } from "./rule.ts";
import { closeDatePassed, possibleDuplicate } from "./up-to-date-rules.ts";

export const OPPORTUNITY_RULES: readonly OpportunityRule[] = [
  // A duplicate is closed, not worked: checking that comes before anything else on the record.
  possibleDuplicate,
  closeDatePassed,
  nextStepMissing,
  nextStepOverdue,
  nextStepVague,
  activityMissing,
  deckMissing,
  commandPlanOverviewMissing,
  commandPlanIncomplete,
  sourceMissing,
  closedReasonMissing,
];

export const ACCOUNT_RULES: readonly AccountRule[] = [
  accountUnranked,
  accountTierDetailsMissing,
  segmentMismatch,
];

export function enabledRules<T extends { id: RuleId }>(
  rules: readonly T[],
  disabled: readonly RuleId[],
): T[] {
  return rules.filter((rule) => !disabled.includes(rule.id));
}
