// Does nudging work? Per rule over a period: findings opened, nudged, fixed within 3 working days
// of the first nudge, median working days to fix, still open, snoozed share, and the noisy flag;
// per rep and team, the Required 7 score by ISO week. Pure: episodes and a working-day counter in.
import { addDays, localDate } from "./dates.ts";
import {
  type EffectivenessTallies,
  medianOfCounts,
  type Period,
  type RuleWeek,
  ruleTotals,
  ruleWeeks,
  tallyEpisodes,
  type WorkingDayCounter,
} from "./effectiveness-tallies.ts";
import type { Episode, WeeklyScore } from "./episodes.ts";
import { type RuleId, SKILLS } from "./findings.ts";
import type { IsoDate } from "./model.ts";

export {
  FIX_WINDOW_WORKING_DAYS,
  type Period,
  type RuleWeek,
  type WorkingDayCounter,
} from "./effectiveness-tallies.ts";

export const DEFAULT_PERIOD_DAYS = 28;
export const NOISY_MIN_NUDGED = 20;
export const NOISY_BELOW_FIX_RATE = 0.5;

export interface RuleEffectiveness {
  rule: RuleId;
  /** Episodes opened in the period. */
  opened: number;
  /** Episodes first nudged (a delivered digest listed them) in the period. */
  nudged: number;
  /** Of those, fixed within 3 working days of the first nudge. */
  fixedWithin3: number;
  /** fixedWithin3 ÷ nudged; null when nothing was nudged. */
  fixRate: number | null;
  /** Median working days from first nudge to fix, over the nudged ones fixed so far; null when none. */
  medianDaysToFix: number | null;
  /** Episodes still open at the end of the period, whenever they opened. */
  open: number;
  /** Share of the nudged ones the rep snoozed; null when nothing was nudged. */
  snoozedShare: number | null;
  noisy: boolean;
}

/** The default start: 28 days up to and including `today`. */
export function defaultSince(today: IsoDate): IsoDate {
  return addDays(today, -(DEFAULT_PERIOD_DAYS - 1));
}

/**
 * A period from `since` up to now. Dates in the history are each rep's own local date, and some
 * reps' today is already tomorrow somewhere else: the period ends at the latest local date on
 * Earth (UTC+14), so nothing recorded so far falls after it.
 */
export function periodUntilNow(since: IsoDate, now: Date): Period {
  return { since, until: localDate(now, "Etc/GMT-14") };
}

export function isNoisy(nudged: number, fixedWithin3: number): boolean {
  return nudged >= NOISY_MIN_NUDGED && fixedWithin3 / nudged < NOISY_BELOW_FIX_RATE;
}

/**
 * One row per rule, every rule listed in the stable order. `owners`, when given, keeps only those
 * owners' episodes (lower-case emails): a manager's team.
 */
export function ruleEffectiveness(
  episodes: readonly Episode[],
  period: Period,
  workingDays: WorkingDayCounter,
  owners?: ReadonlySet<string>,
): RuleEffectiveness[] {
  return rulesFromTallies(tallyEpisodes(episodes, period, workingDays, owners));
}

/** The same rows from a period's tallies (as a store adds them up). */
export function rulesFromTallies(tallies: EffectivenessTallies): RuleEffectiveness[] {
  return ruleTotals(tallies).map((row) => ({
    rule: row.rule,
    opened: row.opened,
    nudged: row.nudged,
    fixedWithin3: row.fixedWithin3,
    fixRate: row.nudged > 0 ? row.fixedWithin3 / row.nudged : null,
    medianDaysToFix: medianOfCounts(row.daysToFix),
    open: row.open,
    snoozedShare: row.nudged > 0 ? row.snoozed / row.nudged : null,
    noisy: isNoisy(row.nudged, row.fixedWithin3),
  }));
}

/**
 * Fix rate by week per rule: the episodes first nudged in the period, grouped by the ISO week of
 * that nudge. A week whose nudges are not 3 working days old yet reads low until they are.
 */
export function fixRateByWeek(
  episodes: readonly Episode[],
  period: Period,
  workingDays: WorkingDayCounter,
  owners?: ReadonlySet<string>,
): RuleWeek[] {
  return ruleWeeks(tallyEpisodes(episodes, period, workingDays, owners));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface WeekScore {
  week: string;
  /** Mean of the skills that apply, 0…1; null when none does. */
  overall: number | null;
  /** Per skill id, 0…1, or null when no record falls under it. */
  skills: Record<string, number | null>;
}

/**
 * The Required 7 score per ISO week, from the weekly snapshots: of one rep, or summed over a team
 * (each skill's clean ÷ applicable across the reps, then the mean of the skills that apply).
 */
export function scoresByWeek(scores: readonly WeeklyScore[], reps?: ReadonlySet<string>): WeekScore[] {
  const weeks = new Map<string, Map<string, { applicable: number; clean: number }>>();
  for (const score of scores) {
    if (reps && !reps.has(score.rep.toLowerCase())) continue;
    let skills = weeks.get(score.week);
    if (!skills) {
      skills = new Map();
      weeks.set(score.week, skills);
    }
    const tally = skills.get(score.skill) ?? { applicable: 0, clean: 0 };
    tally.applicable += score.applicable;
    tally.clean += score.clean;
    skills.set(score.skill, tally);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, tallies]) => {
      const skills: Record<string, number | null> = {};
      for (const skill of SKILLS) {
        const tally = tallies.get(skill.id);
        skills[skill.id] = tally && tally.applicable > 0 ? tally.clean / tally.applicable : null;
      }
      const scored = Object.values(skills).filter((value): value is number => value !== null);
      const overall =
        scored.length > 0 ? scored.reduce((sum, value) => sum + value, 0) / scored.length : null;
      return { week, overall, skills };
    });
}
