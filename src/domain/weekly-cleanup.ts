// A rep's findings split between the daily digest and the weekly cleanup: the weekly rules' findings
// leave every daily digest, and on the rep's cleanup day they are listed together, counted per rule.
import { buildDigest, type Digest, snoozeKey } from "./digest.ts";
import type { OwnerEvaluation, RecordFindings } from "./evaluate.ts";
import { RULE_IDS, type RuleId } from "./findings.ts";

export const WEEKLY_CLEANUP_TITLE = "Weekly cleanup";

/** Records named per rule; the rest are counted. */
export const WEEKLY_RECORDS_PER_RULE = 5;
/** Rules listed; the rest are counted in one line. */
export const WEEKLY_RULES_SHOWN = 6;

/** The records the section names, rule by rule: only these count as nudged by it. */
export function namedInCleanup(weekly: WeeklyCleanup): WeeklyCleanupLine[] {
  return weekly.lines
    .slice(0, WEEKLY_RULES_SHOWN)
    .map((line) => ({ ...line, records: line.records.slice(0, WEEKLY_RECORDS_PER_RULE) }));
}

export interface WeeklyCleanupLine {
  rule: RuleId;
  /** Open findings of the rule (one per record). */
  count: number;
  /** The records, in the digest's order. */
  records: RecordFindings[];
}

/** The cleanup section: one line per weekly rule with open findings, in the stable rule order. */
export interface WeeklyCleanup {
  lines: WeeklyCleanupLine[];
  count: number;
}

export interface WeeklySplit {
  /** The daily digest, without the weekly rules' findings. */
  digest: Digest;
  /** The cleanup section on the rep's cleanup day when there is anything in it; null otherwise. */
  weekly: WeeklyCleanup | null;
}

/**
 * Splits an owner's findings; `leftOut` (snoozed, held out) keys are left out of both parts, and
 * `weekly` are the rules waiting for the cleanup today.
 */
export function splitWeekly(
  owner: OwnerEvaluation,
  leftOut: ReadonlySet<string>,
  weekly: ReadonlySet<RuleId>,
  cleanupDay: boolean,
): WeeklySplit {
  if (weekly.size === 0) return { digest: buildDigest(owner, leftOut), weekly: null };
  const daily = new Set(leftOut);
  const cleanup = new Set(leftOut);
  for (const group of owner.records)
    for (const finding of group.findings)
      (weekly.has(finding.rule) ? daily : cleanup).add(snoozeKey(finding));
  const digest = buildDigest(owner, daily);
  if (!cleanupDay) return { digest, weekly: null };
  const section = weeklyCleanup(buildDigest(owner, cleanup));
  return { digest, weekly: section.count > 0 ? section : null };
}

/** The cleanup section of a digest holding only weekly findings. */
export function weeklyCleanup(digest: Digest): WeeklyCleanup {
  const byRule = new Map<RuleId, RecordFindings[]>();
  for (const group of digest.records)
    for (const finding of group.findings) {
      const records = byRule.get(finding.rule) ?? [];
      records.push(group);
      byRule.set(finding.rule, records);
    }
  const lines = RULE_IDS.filter((rule) => byRule.has(rule)).map((rule) => {
    const records = byRule.get(rule) ?? [];
    return { rule, count: records.length, records };
  });
  return { lines, count: lines.reduce((sum, line) => sum + line.count, 0) };
}
