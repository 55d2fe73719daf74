// The shape of a rule: when it applies to a record (for the scorecard) and what it finds there.
import type { DuplicateFacts } from "../duplicates.ts";
import type { FindingFacts, RecordType, RuleId, SkillId } from "../findings.ts";
import type { Account, IsoDate, Opportunity } from "../model.ts";
import type { RuleSettings, SegmentThresholds } from "../settings.ts";

export interface RuleContext {
  /** The owner's calendar date at "now". */
  today: IsoDate;
  thresholds: SegmentThresholds;
  settings: RuleSettings;
  isVague: (nextStep: string) => boolean;
  /** Whether the source has a domain field ("opportunity.nextStepDate"): rules check only what exists. */
  has: (field: string) => boolean;
  /** The open opportunities on the same account that look like this one (found once per scan). */
  duplicatesOf: (opportunityId: string) => DuplicateFacts | undefined;
}

export interface RecordRule<T> {
  id: RuleId;
  skill: SkillId;
  recordType: RecordType;
  /** Whether the record counts towards this rule's skill on the scorecard. */
  applies(record: T, ctx: RuleContext): boolean;
  /** What is wrong, or null when the record keeps the rule. Only called when `applies` is true. */
  check(record: T, ctx: RuleContext): FindingFacts | null;
}

export interface OpportunityRule extends RecordRule<Opportunity> {
  recordType: "opportunity";
}

export interface AccountRule extends RecordRule<Account> {
  recordType: "account";
}

export function isBlank(value: string | null | undefined): boolean {
  return value == null || value.trim() === "";
}

export const isOpen = (opp: Opportunity): boolean => !opp.isClosed;

/** Channel-managed opportunities are exempt from the command plan rules (the handbook's exception). */
export function isChannelManaged(opp: Opportunity): boolean {
  return /channel-managed/i.test(opp.name);
}
