// Working days by weekday alone (the digest's working days): how the report counts days to fix
// until each rep's own calendar (holidays, own working days) is available to it.
import { addDays, daysBetween } from "./dates.ts";
import type { WorkingDayCounter } from "./effectiveness.ts";
import type { IsoDate } from "./model.ts";

const weekday = (date: IsoDate): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Counts the days after `from` up to and including `to` whose weekday is a working day (0 = Sunday). */
export function weekdayCounter(
  workingDays: readonly number[],
  isDayOff: (date: IsoDate) => boolean = () => false,
): WorkingDayCounter {
  const working = new Set(workingDays);
  return (_owner, from, to) => {
    const span = daysBetween(from, to);
    let count = 0;
    for (let day = 1; day <= span; day++) {
      const date = addDays(from, day);
      if (working.has(weekday(date)) && !isDayOff(date)) count += 1;
    }
    return count;
  };
}
