// When a digest is due: working days, inside the window, in the person's own timezone.
import type { LocalTime } from "./dates.ts";

export interface DeliverySchedule {
  windowStart: number;
  windowEnd: number;
  workingDays: number[];
  managerDay: number;
  managerTime: number;
}

/** A rep's daily digest is due on a working day from the window's start until its end (exclusive). */
export function isDigestDue(local: LocalTime, schedule: DeliverySchedule): boolean {
  return (
    schedule.workingDays.includes(local.weekday) &&
    local.minutes >= schedule.windowStart &&
    local.minutes < schedule.windowEnd
  );
}

/** Inside the daily window, whatever the day: the calendar decides which days count. */
export function isWindowOpen(
  local: LocalTime,
  schedule: Pick<DeliverySchedule, "windowStart" | "windowEnd">,
) {
  return local.minutes >= schedule.windowStart && local.minutes < schedule.windowEnd;
}

/** The weekly manager digest is due on its day from its time until the window closes. */
export function isManagerDigestDue(local: LocalTime, schedule: DeliverySchedule): boolean {
  return (
    local.weekday === schedule.managerDay &&
    local.minutes >= schedule.managerTime &&
    local.minutes < schedule.windowEnd
  );
}
