// Who may be reached now: every job (digests, trip reminders, Give Back check-ins, new-hire
// reminders) asks here, so a rep's days off, public holidays, company days off and pause are
// respected the same way everywhere. Pauses are read from the store once per check.
import type { Config } from "../config/config.ts";
import { type CalendarSettings, type DayOffReason, dayOffReason } from "../domain/calendar.ts";
import { addDays, type LocalTime, localTime } from "../domain/dates.ts";
import type { Rep } from "../domain/model.ts";
import { isWindowOpen } from "../domain/schedule.ts";
import type { Pause, QuietStore } from "../store/quiet-store.ts";

export interface QuietDaysDeps {
  store: Pick<QuietStore, "listPauses">;
  config: Pick<Config, "digest" | "calendar" | "defaultTimezone">;
}

/** What a job needs to know about one rep at the instant it checked. */
export interface RepNow {
  local: LocalTime;
  /** Why today is not a working day for them, or null. */
  dayOff: DayOffReason | null;
  /** A working day and inside the window: a job may reach them now. */
  due: boolean;
}

export interface DueCheck {
  /** `rep` may be null for an owner the source has no rep row for (the default timezone applies). */
  of(email: string, rep: Rep | null): RepNow;
}

export class QuietDays {
  readonly settings: CalendarSettings;

  constructor(private readonly deps: QuietDaysDeps) {
    this.settings = {
      workingDays: deps.config.digest.workingDays,
      holidays: deps.config.calendar.holidays,
      daysOff: deps.config.calendar.daysOff,
    };
  }

  /** Pauses still in force somewhere on Earth at `now`. */
  async pausesAt(now: Date): Promise<Map<string, Pause>> {
    // The earliest local date anyone can be at is the day before UTC's.
    const earliest = addDays(now.toISOString().slice(0, 10), -1);
    const pauses = await this.deps.store.listPauses(earliest);
    return new Map(pauses.map((pause) => [pause.rep, pause]));
  }

  /** One store read, then a pure check per rep. */
  async at(now: Date): Promise<DueCheck> {
    const pauses = await this.pausesAt(now);
    const { config } = this.deps;
    return {
      of: (email, rep) => {
        const local = localTime(now, rep?.timezone ?? config.defaultTimezone);
        const dayOff = dayOffReason(rep, local.date, this.settings, pauses.get(email.toLowerCase()));
        return { local, dayOff, due: dayOff === null && isWindowOpen(local, config.digest) };
      },
    };
  }
}
