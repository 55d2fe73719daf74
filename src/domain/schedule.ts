// The digest window in the person's own timezone; which days count is the calendar's decision
// (domain/calendar.ts).
import type { LocalTime } from "./dates.ts";

export interface DeliverySchedule {
  windowStart: number;
  windowEnd: number;
  workingDays: number[];
  managerDay: number;
  managerTime: number;
}

/** Inside the daily window, whatever the day: the calendar decides which days count. */
export function isWindowOpen(
  local: LocalTime,
  schedule: Pick<DeliverySchedule, "windowStart" | "windowEnd">,
) {
  return local.minutes >= schedule.windowStart && local.minutes < schedule.windowEnd;
}
