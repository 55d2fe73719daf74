// A rep's working day, decided in one place for every job (digests, trip reminders, Give Back
// check-ins, new-hire reminders) and for the effectiveness report: their own or the configured
// working days, their country's public holidays, company days off, and a pause they asked for.
import { addDays, daysBetween } from "./dates.ts";
import type { IsoDate, Rep, Weekday } from "./model.ts";
import { publicHolidays } from "./public-holidays.ts";

export interface CalendarSettings {
  /** The configured working days, for reps without their own. */
  workingDays: readonly number[];
  /** false: public holidays are not days off (calendar.holidays). */
  holidays: boolean;
  /** Company-wide days off (calendar.daysOff). */
  daysOff: readonly IsoDate[];
}

/** A pause: no nudges up to and including `until` (the rep's local date). */
export interface PauseWindow {
  until: IsoDate;
}

export type DayOffReason =
  | { kind: "not-working-day" }
  | { kind: "public-holiday"; name: string }
  | { kind: "company-day-off" }
  | { kind: "paused"; until: IsoDate };

type CalendarRep = Pick<Rep, "country" | "workingDays">;

/** The weekday of a `YYYY-MM-DD` date, 0 = Sunday. */
export function weekdayOf(date: IsoDate): Weekday {
  return new Date(`${date}T00:00:00Z`).getUTCDay() as Weekday;
}

/** Why `date` is not a working day for the rep, or null when it is one. */
export function dayOffReason(
  rep: CalendarRep | null,
  date: IsoDate,
  settings: CalendarSettings,
  pause?: PauseWindow | null,
): DayOffReason | null {
  const days = rep?.workingDays && rep.workingDays.length > 0 ? rep.workingDays : settings.workingDays;
  if (!days.includes(weekdayOf(date))) return { kind: "not-working-day" };
  if (settings.daysOff.includes(date)) return { kind: "company-day-off" };
  if (settings.holidays && rep?.country) {
    const name = publicHolidays(rep.country, Number(date.slice(0, 4))).get(date);
    if (name) return { kind: "public-holiday", name };
  }
  if (pause && date <= pause.until) return { kind: "paused", until: pause.until };
  return null;
}

export function isWorkingDay(
  rep: CalendarRep | null,
  date: IsoDate,
  settings: CalendarSettings,
  pause?: PauseWindow | null,
): boolean {
  return dayOffReason(rep, date, settings, pause) === null;
}

/** A year of days off in a row cannot happen with at least one working day a week; stop looking. */
const SEARCH_LIMIT = 400;

/** The first working day strictly after `date`; null only when the rep has no working day at all. */
export function nextWorkingDay(
  rep: CalendarRep | null,
  date: IsoDate,
  settings: CalendarSettings,
  pause?: PauseWindow | null,
): IsoDate | null {
  for (let step = 1; step <= SEARCH_LIMIT; step++) {
    const candidate = addDays(date, step);
    if (isWorkingDay(rep, candidate, settings, pause)) return candidate;
  }
  return null;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not later): "fixed within 3
 * working days of the nudge" counts this way, so a nudge on Friday fixed on Monday took 1.
 */
export function workingDaysBetween(
  rep: CalendarRep | null,
  from: IsoDate,
  to: IsoDate,
  settings: CalendarSettings,
): number {
  const span = daysBetween(from, to);
  let count = 0;
  for (let step = 1; step <= span; step++) if (isWorkingDay(rep, addDays(from, step), settings)) count += 1;
  return count;
}

/**
 * Working days from a nudge to its fix, per owner, by each rep's own calendar (country, own working
 * days) where the rep is known, else the team's: how the effectiveness report counts "within 3
 * working days". Answers are remembered per calendar and dates, since the report asks for every fix.
 */
export function workingDayCounter(
  settings: CalendarSettings,
  reps: readonly (CalendarRep & { email: string })[] = [],
): (owner: string, from: IsoDate, to: IsoDate) => number {
  const byEmail = new Map(reps.map((rep) => [rep.email.toLowerCase(), rep]));
  const known = new Map<string, number>();
  return (owner, from, to) => {
    const rep = byEmail.get(owner.toLowerCase()) ?? null;
    const key = `${rep?.country ?? ""}|${rep?.workingDays?.join("") ?? ""}|${from}|${to}`;
    let days = known.get(key);
    if (days === undefined) {
      days = workingDaysBetween(rep, from, to, settings);
      if (known.size < 200_000) known.set(key, days);
    }
    return days;
  };
}

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function dayNumber(text: string): Weekday | null {
  const index = DAY_NAMES.indexOf(text.trim().toLowerCase().slice(0, 3) as (typeof DAY_NAMES)[number]);
  const full = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  const word = text.trim().toLowerCase();
  if (index < 0 || !(word.length === 3 || full[index] === word)) return null;
  return index as Weekday;
}

/**
 * Reads a working-days cell: `Mon-Thu`, `Mon,Wed,Fri`, `Tue-Thu, Sat`, full names too, any case.
 * A range wraps over the weekend (`Sat-Tue`). Returns the days sorted, or a message saying what is
 * wrong for the reader to report against the row.
 */
export function parseWorkingDays(text: string): { days: Weekday[] } | { error: string } {
  const days = new Set<Weekday>();
  const parts = text
    .replace(/\s*-\s*/g, "-")
    .split(/[,;\s]+/)
    .filter((part) => part !== "");
  if (parts.length === 0) return { error: "expected working days such as Mon-Fri or Mon,Wed,Fri" };
  for (const part of parts) {
    const [first, last, extra] = part.split("-");
    const start = dayNumber(first ?? "");
    const end = last === undefined ? start : dayNumber(last);
    if (start === null || end === null || extra !== undefined) {
      return { error: `"${part}" is not a day or a range of days (expected e.g. Mon-Thu or Mon,Wed,Fri)` };
    }
    for (let day = start; ; day = ((day + 1) % 7) as Weekday) {
      days.add(day);
      if (day === end) break;
    }
  }
  return { days: [...days].sort((a, b) => a - b) };
}
