// The effectiveness report from counts instead of episodes: what a store can add up for a period
// (per rule; per rule, day of first nudge and working days to fix), and the fold of those counts
// into the report's rows. Pure; `tallyEpisodes` says what each count means, episode by episode.
import type { Episode } from "./episodes.ts";
import { isoWeek } from "./episodes.ts";
import { RULE_IDS, type RuleId } from "./findings.ts";
import type { IsoDate } from "./model.ts";

/** Working days of `owner` after `from`, up to and including `to` (0 when `to` is not later). */
export type WorkingDayCounter = (owner: string, from: IsoDate, to: IsoDate) => number;

export interface Period {
  since: IsoDate;
  until: IsoDate;
}

export const FIX_WINDOW_WORKING_DAYS = 3;

/** One rule's episodes opened in the period, and those still open at its end (whenever opened). */
export interface RuleCount {
  rule: string;
  opened: number;
  open: number;
}

/**
 * The episodes of one rule first nudged on one day of the period that share an outcome: fixed after
 * `daysToFix` working days, or not fixed (`daysToFix` null: still open, or gone).
 */
export interface NudgeTally {
  rule: string;
  nudgedOn: IsoDate;
  daysToFix: number | null;
  count: number;
  /** How many of them the rep snoozed. */
  snoozed: number;
}

export interface EffectivenessTallies {
  counts: RuleCount[];
  nudges: NudgeTally[];
}

/**
 * A fix nudged in the period whose working days were not counted when it was written (history
 * from before they were, or a nudge another replica recorded meanwhile): counted when reported.
 */
export interface UncountedFix {
  rule: string;
  owner: string;
  nudgedOn: IsoDate;
  resolvedOn: IsoDate;
  snoozed: boolean;
}

export const within = (date: IsoDate | null, period: Period): date is IsoDate =>
  date !== null && date >= period.since && date <= period.until;

/** Whether an episode is open at the end of the period: opened by then and not resolved by then. */
export const openAtEnd = (episode: Pick<Episode, "openedOn" | "resolvedOn">, period: Period): boolean =>
  episode.openedOn <= period.until && (episode.resolvedOn === null || episode.resolvedOn > period.until);

/** Working days from the first nudge to the fix; null when the episode was not fixed (yet). */
export function daysToFix(
  episode: Pick<Episode, "owner" | "nudgedOn" | "resolvedOn" | "resolution">,
  workingDays: WorkingDayCounter,
): number | null {
  if (episode.resolution !== "fixed" || episode.nudgedOn === null || episode.resolvedOn === null) return null;
  return workingDays(episode.owner, episode.nudgedOn, episode.resolvedOn);
}

/**
 * The counts of a period, episode by episode: what the stores add up in their own query language.
 * `owners`, when given, keeps only those owners' episodes (lower-case emails): a manager's team.
 */
export function tallyEpisodes(
  episodes: readonly Episode[],
  period: Period,
  workingDays: WorkingDayCounter,
  owners?: ReadonlySet<string>,
): EffectivenessTallies {
  const counts = new Map<string, RuleCount>();
  const nudges = new Map<string, NudgeTally>();
  for (const episode of episodes) {
    if (owners && !owners.has(episode.owner.toLowerCase())) continue;
    const count = counts.get(episode.rule) ?? { rule: episode.rule, opened: 0, open: 0 };
    counts.set(episode.rule, count);
    if (within(episode.openedOn, period)) count.opened += 1;
    if (openAtEnd(episode, period)) count.open += 1;
    if (!within(episode.nudgedOn, period)) continue;
    const days = daysToFix(episode, workingDays);
    addNudge(
      nudges,
      { rule: episode.rule, nudgedOn: episode.nudgedOn, daysToFix: days },
      episode.snoozedOn !== null,
    );
  }
  return { counts: [...counts.values()], nudges: [...nudges.values()] };
}

/** The tallies of fixes counted now, to add to a store's. */
export function tallyUncountedFixes(
  fixes: readonly UncountedFix[],
  workingDays: WorkingDayCounter,
): NudgeTally[] {
  const nudges = new Map<string, NudgeTally>();
  for (const fix of fixes) {
    const days = workingDays(fix.owner, fix.nudgedOn, fix.resolvedOn);
    addNudge(nudges, { rule: fix.rule, nudgedOn: fix.nudgedOn, daysToFix: days }, fix.snoozed);
  }
  return [...nudges.values()];
}

function addNudge(
  nudges: Map<string, NudgeTally>,
  key: Pick<NudgeTally, "rule" | "nudgedOn" | "daysToFix">,
  snoozed: boolean,
): void {
  const id = `${key.rule}|${key.nudgedOn}|${key.daysToFix}`;
  let tally = nudges.get(id);
  if (!tally) {
    tally = { ...key, count: 0, snoozed: 0 };
    nudges.set(id, tally);
  }
  tally.count += 1;
  if (snoozed) tally.snoozed += 1;
}

/** One rule's report row before its rates: the counts and the histogram of working days to fix. */
export interface RuleTotals {
  rule: RuleId;
  opened: number;
  nudged: number;
  fixedWithin3: number;
  open: number;
  snoozed: number;
  /** Working days to fix → how many nudged-in-the-period fixes took that long. */
  daysToFix: Map<number, number>;
}

/** Every rule's totals, in the stable rule order; rules retired since are left out. */
export function ruleTotals(tallies: EffectivenessTallies): RuleTotals[] {
  const rows = new Map<string, RuleTotals>(
    RULE_IDS.map((rule) => [
      rule,
      { rule, opened: 0, nudged: 0, fixedWithin3: 0, open: 0, snoozed: 0, daysToFix: new Map() },
    ]),
  );
  for (const count of tallies.counts) {
    const row = rows.get(count.rule);
    if (!row) continue;
    row.opened += count.opened;
    row.open += count.open;
  }
  for (const tally of tallies.nudges) {
    const row = rows.get(tally.rule);
    if (!row) continue;
    row.nudged += tally.count;
    row.snoozed += tally.snoozed;
    if (tally.daysToFix === null) continue;
    row.daysToFix.set(tally.daysToFix, (row.daysToFix.get(tally.daysToFix) ?? 0) + tally.count);
    if (tally.daysToFix <= FIX_WINDOW_WORKING_DAYS) row.fixedWithin3 += tally.count;
  }
  return [...rows.values()];
}

/** One rule's nudges of one ISO week (the week of the first nudge) and how many were fixed within 3. */
export interface RuleWeek {
  rule: RuleId;
  week: string;
  nudged: number;
  fixedWithin3: number;
  /** fixedWithin3 ÷ nudged (never null: a week is listed only when something was nudged). */
  fixRate: number;
}

/** Per rule, the nudges of each ISO week with any, in rule order then week order. */
export function ruleWeeks(tallies: EffectivenessTallies): RuleWeek[] {
  const known = new Set<string>(RULE_IDS);
  const weeks = new Map<string, RuleWeek>();
  const weekOf = new Map<IsoDate, string>();
  for (const tally of tallies.nudges) {
    if (!known.has(tally.rule)) continue;
    let week = weekOf.get(tally.nudgedOn);
    if (week === undefined) {
      week = isoWeek(tally.nudgedOn);
      weekOf.set(tally.nudgedOn, week);
    }
    const key = `${tally.rule}|${week}`;
    let row = weeks.get(key);
    if (!row) {
      row = { rule: tally.rule as RuleId, week, nudged: 0, fixedWithin3: 0, fixRate: 0 };
      weeks.set(key, row);
    }
    row.nudged += tally.count;
    if (tally.daysToFix !== null && tally.daysToFix <= FIX_WINDOW_WORKING_DAYS)
      row.fixedWithin3 += tally.count;
  }
  const order = new Map<string, number>(RULE_IDS.map((rule, index) => [rule, index]));
  return [...weeks.values()]
    .map((row) => ({ ...row, fixRate: row.fixedWithin3 / row.nudged }))
    .sort((a, b) => (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) || (a.week < b.week ? -1 : 1));
}

/** The median of values given as value → how many times it occurs; null when there are none. */
export function medianOfCounts(counts: ReadonlyMap<number, number>): number | null {
  const values = [...counts.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (index < seen) return value;
    }
    return values[values.length - 1]?.[0] as number;
  };
  const middle = Math.floor(total / 2);
  return total % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}
