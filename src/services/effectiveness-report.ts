// The effectiveness report as every surface asks for it (CLI, /nudge stats, App Home, the console):
// the period's counts and weekly scores from the store, through the pure report maths.

import { addDays } from "../domain/dates.ts";
import {
  type Period,
  type RuleEffectiveness,
  type RuleWeek,
  rulesFromTallies,
  scoresByWeek,
  type WeekScore,
  type WorkingDayCounter,
} from "../domain/effectiveness.ts";
import { ruleWeeks, tallyUncountedFixes } from "../domain/effectiveness-tallies.ts";
import { isoWeek } from "../domain/episodes.ts";
import type { RuleId } from "../domain/findings.ts";
import { type HoldoutVerdict, holdoutJson } from "../domain/holdout.ts";
import {
  addHoldoutCounts,
  type HoldoutSettings,
  holdoutArms,
  holdoutVerdicts,
} from "../domain/holdout-window.ts";
import type { Store } from "../store/store.ts";
import type { SupportAlertTally } from "../store/support-alerts-store.ts";

export interface EffectivenessReport {
  period: Period;
  rules: RuleEffectiveness[];
  /** Per rule, the fix rate of each ISO week's first nudges in the period. */
  ruleWeeks: RuleWeek[];
  /** The team's Required 7 score per ISO week in the period. */
  weeks: WeekScore[];
  /** Per rule, the holdout's verdict over the period's episodes; null when the holdout is off. */
  holdout?: HoldoutReport | null;
  /** Breach alerts sent in the period, taken and breached anyway; absent when the queue is off. */
  supportQueue?: SupportAlertTally | undefined;
}

/** The holdout's settings and, per rule (every rule, in the report's order), its verdict. */
export interface HoldoutReport extends HoldoutSettings {
  verdicts: ReadonlyMap<RuleId, HoldoutVerdict>;
}

export interface ReportRequest {
  period: Period;
  /** Counts the fixes the history holds without their working days (written before it did). */
  workingDays: WorkingDayCounter;
  /** Only these owners (lower-case emails): a manager's team. Everyone when left out. */
  owners?: ReadonlySet<string>;
  /** `effectiveness.holdoutPercent` and `holdoutWorkingDays`; no holdout verdicts when off. */
  holdout?: HoldoutSettings | undefined;
  /** Add the support queue's breach alerts (the whole team's: alerts have no owner's team). */
  supportQueue?: boolean | undefined;
}

export async function effectivenessReport(
  store: Pick<Store, "history"> & Partial<Pick<Store, "supportAlertTally">>,
  request: ReportRequest,
): Promise<EffectivenessReport> {
  const { period, workingDays, owners, holdout } = request;
  // The period's dates as UTC days: alerts are counted by when they were sent.
  const queue =
    request.supportQueue && store.supportAlertTally
      ? store.supportAlertTally(
          new Date(`${period.since}T00:00:00Z`),
          new Date(`${addDays(period.until, 1)}T00:00:00Z`),
        )
      : undefined;
  const holdoutOn = holdout !== undefined && holdout.percent > 0;
  const [counted, scores, held] = await Promise.all([
    store.history.effectivenessTallies(period, owners),
    store.history.weeklyScoresSince(isoWeek(period.since)),
    holdoutOn ? store.history.holdoutCounts(period, holdout.workingDays, owners) : null,
  ]);
  const tallies = {
    counts: counted.tallies.counts,
    nudges: [...counted.tallies.nudges, ...tallyUncountedFixes(counted.uncounted, workingDays)],
  };
  const untilWeek = isoWeek(period.until);
  const rules = rulesFromTallies(tallies);
  return {
    period,
    rules,
    ruleWeeks: ruleWeeks(tallies),
    weeks: scoresByWeek(
      scores.filter((score) => score.week <= untilWeek),
      owners,
    ),
    holdout:
      holdoutOn && held
        ? {
            ...holdout,
            verdicts: holdoutVerdicts(
              rules.map((row) => row.rule),
              addHoldoutCounts(holdoutArms(held.unknown, period.until, holdout, workingDays), held.counts),
            ),
          }
        : null,
    ...(queue ? { supportQueue: await queue } : {}),
  };
}

/**
 * The JSON contract of `nudgebot report --json`: one object per rule; `holdout` is null when the
 * holdout is off or either arm is short of data.
 */
export function reportJson(row: RuleEffectiveness, holdout: HoldoutVerdict | null = null) {
  return {
    rule: row.rule,
    opened: row.opened,
    nudged: row.nudged,
    fixedWithin3: row.fixedWithin3,
    fixRate: row.fixRate,
    medianDaysToFix: row.medianDaysToFix,
    open: row.open,
    noisy: row.noisy,
    snoozedShare: row.snoozedShare,
    holdout: holdoutJson(holdout),
  };
}
