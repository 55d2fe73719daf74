// When a held-out finding is left out of digests, and which episodes the report compares: the
// holdout's working-day window by each rep's own calendar. Pure: dates and settings in.
import { type CalendarSettings, isWorkingDay, workingDaysBetween } from "./calendar.ts";
import { addDays } from "./dates.ts";
import type { WorkingDayCounter } from "./effectiveness-tallies.ts";
import type { Episode, HoldoutArmName } from "./episodes.ts";
import type { RecordFindings } from "./evaluate.ts";
import type { RuleId } from "./findings.ts";
import { type HoldoutArm, type HoldoutVerdict, holdoutVerdict, isHeldOut } from "./holdout.ts";
import type { IsoDate, Rep } from "./model.ts";

export interface HoldoutSettings {
  /** `effectiveness.holdoutPercent`: 0 is off. */
  percent: number;
  /** `effectiveness.holdoutWorkingDays`: how many working days a held-out finding is left out. */
  workingDays: number;
}

type CalendarRep = Pick<Rep, "country" | "workingDays">;

/**
 * Which working day of its episode `today` is: the day it was first seen is day 1 when that is a
 * working day (else the next working day is), so with a 3-day window a finding first seen on
 * Monday is left out Monday to Wednesday and nudged from Thursday. Pauses do not move the count.
 */
export function holdoutDay(
  rep: CalendarRep | null,
  openedOn: IsoDate,
  today: IsoDate,
  calendar: CalendarSettings,
): number {
  if (today < openedOn) return 0;
  return (isWorkingDay(rep, openedOn, calendar) ? 1 : 0) + workingDaysBetween(rep, openedOn, today, calendar);
}

/**
 * The findings of a rep's records a digest leaves out today (`rule|recordId`): in the held-out
 * arm, within their first `workingDays` working days. `openedOn` gives the start of a finding's
 * open episode; a finding the history has not seen yet starts today. `armOf` gives the arm the
 * episode was given when it opened, when known: that arm holds even if the share held out changed
 * since, or the holdout was turned off (an episode opened while the holdout was off is never held out).
 */
export function heldOutToday(
  owner: { rep: Rep | null; today: IsoDate; records: readonly RecordFindings[] },
  openedOn: (rule: RuleId, recordId: string) => IsoDate | undefined,
  settings: HoldoutSettings,
  calendar: CalendarSettings,
  armOf: (rule: RuleId, recordId: string) => HoldoutArmName | null | undefined = () => undefined,
): Set<string> {
  const held = new Set<string>();
  // With the holdout turned off, episodes already given the held arm still wait out their window:
  // nudging them early would count nudged findings as held in the report.
  const on = settings.percent > 0;
  for (const group of owner.records)
    for (const finding of group.findings) {
      const start = openedOn(finding.rule, finding.recordId) ?? owner.today;
      const arm = armOf(finding.rule, finding.recordId);
      const inHeldArm =
        arm === null || arm === undefined
          ? on &&
            isHeldOut({ rule: finding.rule, recordId: finding.recordId, openedOn: start }, settings.percent)
          : arm === "held";
      if (!inHeldArm) continue;
      if (holdoutDay(owner.rep, start, owner.today, calendar) <= settings.workingDays)
        held.add(`${finding.rule}|${finding.recordId}`);
    }
  return held;
}

/** What the report needs of an episode to put it in its arm. */
export type HoldoutEpisode = Pick<
  Episode,
  "rule" | "recordId" | "owner" | "openedOn" | "resolvedOn" | "resolution" | "holdoutArm"
>;

/** The most calendar days a window is looked for: a rep with no working day never passes one. */
const WINDOW_SEARCH_DAYS = 800;

/**
 * What an episode keeps of the holdout when it opens: its arm by the share held out now (`off`
 * when the holdout is off), and the first day by which its window has passed (`workingDays`
 * working days after the day first seen, as the report counts them; null if that never comes).
 */
export function holdoutStart(
  episode: Pick<Episode, "rule" | "recordId" | "owner" | "openedOn">,
  settings: HoldoutSettings,
  workingDays: WorkingDayCounter,
  /** Window ends already found, by owner and day first seen: a scan opens many findings a day. */
  ends: Map<string, IsoDate | null> = new Map(),
): { holdoutArm: HoldoutArmName; holdoutEndsOn: IsoDate | null } {
  if (!(settings.percent > 0)) return { holdoutArm: "off", holdoutEndsOn: null };
  const key = `${episode.owner}|${episode.openedOn}`;
  let endsOn = ends.get(key);
  if (endsOn === undefined) {
    endsOn = null;
    let day = episode.openedOn;
    for (let step = 0; step <= WINDOW_SEARCH_DAYS; step++, day = addDays(day, 1))
      if (workingDays(episode.owner, episode.openedOn, day) >= settings.workingDays) {
        endsOn = day;
        break;
      }
    ends.set(key, endsOn);
  }
  return { holdoutArm: isHeldOut(episode, settings.percent) ? "held" : "nudged", holdoutEndsOn: endsOn };
}

/** One group of the store's holdout sums: episodes of one rule and arm, and how many were fixed. */
export interface HoldoutCount {
  rule: RuleId;
  arm: "held" | "nudged";
  n: number;
  fixed: number;
}

/** Adds the store's sums to the arms worked out from the episodes without stored arms. */
export function addHoldoutCounts(
  arms: Map<RuleId, { nudged: HoldoutArm; held: HoldoutArm }>,
  counts: readonly HoldoutCount[],
): Map<RuleId, { nudged: HoldoutArm; held: HoldoutArm }> {
  for (const count of counts) {
    let rule = arms.get(count.rule);
    if (!rule) {
      rule = { nudged: { n: 0, fixed: 0 }, held: { n: 0, fixed: 0 } };
      arms.set(count.rule, rule);
    }
    rule[count.arm].n += count.n;
    rule[count.arm].fixed += count.fixed;
  }
  return arms;
}

/**
 * Per rule, both arms over the episodes whose window has passed by `end` (`workingDays` working
 * days after the day first seen are on or before it) and how many of them were fixed within the
 * window. The fix day is the episode's `resolvedOn`: the owner's local date of the first scan that
 * no longer found it, counted from the day first seen as the history counts a fix's working days
 * from its nudge (`workingDaysBetween`: a finding first seen on Monday and gone at Thursday's scan
 * took 3). So a held-out finding fixed before the scan of its first nudged day counts as fixed, and
 * one gone or not fixed counts as not fixed; both arms are counted the same way.
 */
export function holdoutArms(
  episodes: readonly HoldoutEpisode[],
  end: IsoDate,
  settings: HoldoutSettings,
  workingDays: WorkingDayCounter,
): Map<RuleId, { nudged: HoldoutArm; held: HoldoutArm }> {
  const arms = new Map<RuleId, { nudged: HoldoutArm; held: HoldoutArm }>();
  for (const episode of episodes) {
    if (episode.holdoutArm === "off") continue;
    if (workingDays(episode.owner, episode.openedOn, end) < settings.workingDays) continue;
    let rule = arms.get(episode.rule);
    if (!rule) {
      rule = { nudged: { n: 0, fixed: 0 }, held: { n: 0, fixed: 0 } };
      arms.set(episode.rule, rule);
    }
    const held = episode.holdoutArm ? episode.holdoutArm === "held" : isHeldOut(episode, settings.percent);
    const arm = held ? rule.held : rule.nudged;
    arm.n += 1;
    if (
      episode.resolution === "fixed" &&
      episode.resolvedOn !== null &&
      workingDays(episode.owner, episode.openedOn, episode.resolvedOn) <= settings.workingDays
    )
      arm.fixed += 1;
  }
  return arms;
}

/** Each rule's verdict (every rule, in the given order); null when the holdout is off. */
export function holdoutVerdicts(
  rules: readonly RuleId[],
  arms: ReadonlyMap<RuleId, { nudged: HoldoutArm; held: HoldoutArm }>,
): Map<RuleId, HoldoutVerdict> {
  const empty = { n: 0, fixed: 0 };
  return new Map(
    rules.map((rule) => {
      const found = arms.get(rule);
      return [rule, holdoutVerdict(found?.nudged ?? empty, found?.held ?? empty)];
    }),
  );
}
