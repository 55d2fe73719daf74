// When a held-out finding is left out of digests, and which episodes the report compares: the
// holdout's working-day window by each rep's own calendar. Pure: dates and settings in.
import { type CalendarSettings, isWorkingDay, workingDaysBetween } from "./calendar.ts";
import type { RecordFindings } from "./evaluate.ts";
import type { RuleId } from "./findings.ts";
import { isHeldOut } from "./holdout.ts";
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
 * open episode; a finding the history has not seen yet starts today.
 */
export function heldOutToday(
  owner: { rep: Rep | null; today: IsoDate; records: readonly RecordFindings[] },
  openedOn: (rule: RuleId, recordId: string) => IsoDate | undefined,
  settings: HoldoutSettings,
  calendar: CalendarSettings,
): Set<string> {
  const held = new Set<string>();
  if (!(settings.percent > 0)) return held;
  for (const group of owner.records)
    for (const finding of group.findings) {
      const start = openedOn(finding.rule, finding.recordId) ?? owner.today;
      if (!isHeldOut({ rule: finding.rule, recordId: finding.recordId, openedOn: start }, settings.percent))
        continue;
      if (holdoutDay(owner.rep, start, owner.today, calendar) <= settings.workingDays)
        held.add(`${finding.rule}|${finding.recordId}`);
    }
  return held;
}

/**
 * Whether an episode's holdout window has passed by `end`: `workingDays` working days after the
 * day it was first seen fall on or before `end` (counted as `workingDaysBetween` counts them).
 */
export function windowPassed(
  rep: CalendarRep | null,
  openedOn: IsoDate,
  end: IsoDate,
  settings: HoldoutSettings,
  calendar: CalendarSettings,
): boolean {
  return workingDaysBetween(rep, openedOn, end, calendar) >= settings.workingDays;
}
