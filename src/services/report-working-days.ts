// The working-day count the effectiveness report uses, from the configured calendar and the reps'.
import type { Config } from "../config/config.ts";
import { workingDayCounter as calendarCounter } from "../domain/calendar.ts";
import type { WorkingDayCounter } from "../domain/effectiveness.ts";
import type { Rep } from "../domain/model.ts";

/**
 * How the effectiveness report counts working days: the calendar's, with the reps' own calendars
 * when a read of the pipeline has them (the bot), else the team's (the `report` command alone).
 */
export function workingDayCounter(
  config: Pick<Config, "digest" | "calendar">,
  reps: () => readonly Rep[] = () => [],
): WorkingDayCounter {
  const settings = {
    workingDays: config.digest.workingDays,
    holidays: config.calendar.holidays,
    daysOff: config.calendar.daysOff,
  };
  let counted: { reps: readonly Rep[]; count: WorkingDayCounter } | null = null;
  return (owner, from, to) => {
    const current = reps();
    if (counted?.reps !== current) counted = { reps: current, count: calendarCounter(settings, current) };
    return counted.count(owner, from, to);
  };
}
