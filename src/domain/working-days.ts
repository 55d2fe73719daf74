// Working days by weekday alone (the digest's working days): how the report counts days to fix
// until each rep's own calendar (holidays, own working days) is available to it.
import { toEpochDay } from "./dates.ts";
import type { WorkingDayCounter } from "./effectiveness.ts";
import type { IsoDate } from "./model.ts";

/** 0 = Sunday … 6 = Saturday; 1970-01-01 (epoch day 0) was a Thursday. */
const weekdayOf = (epochDay: number): number => (((epochDay + 4) % 7) + 7) % 7;

/**
 * Counts the days after `from` up to and including `to` whose weekday is a working day (0 = Sunday)
 * and that are not in `daysOff`. Whole weeks are counted at once: the report calls this for every
 * fixed finding of the period.
 */
export function weekdayCounter(
  workingDays: readonly number[],
  daysOff: readonly IsoDate[] = [],
): WorkingDayCounter {
  const working = new Set(workingDays);
  const off = daysOff.map(toEpochDay).filter((day) => working.has(weekdayOf(day)));
  return (_owner, from, to) => {
    const first = toEpochDay(from) + 1;
    const last = toEpochDay(to);
    if (last < first) return 0;
    const span = last - first + 1;
    let count = Math.floor(span / 7) * working.size;
    for (let day = last - (span % 7) + 1; day <= last; day++) if (working.has(weekdayOf(day))) count += 1;
    for (const day of off) if (day >= first && day <= last) count -= 1;
    return count;
  };
}
