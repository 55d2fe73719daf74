// Which days `nudgebot report` counts: the last 28 days (or from --since) up to now, unless the
// history stopped being written a while ago (the demo's, a bot no longer running): then up to the
// history's own end, so a history recorded in the past is reported rather than a period of zeros.
import { addDays, localDate } from "./dates.ts";
import { defaultSince, type Period, periodUntilNow } from "./effectiveness.ts";
import type { IsoDate } from "./model.ts";

/**
 * A bot at work changes its history every working day (findings open and get fixed); one that
 * wrote nothing for longer than this is not recording here any more.
 */
export const STALE_HISTORY_DAYS = 7;

export interface ReportPeriod {
  period: Period;
  /** The history's last day when the period ends there; null when it runs up to now. */
  historyEnd: IsoDate | null;
}

export function reportPeriod(input: {
  since: IsoDate | undefined;
  now: Date;
  timezone: string;
  /** Where the history ends (see HistoryStore.historyEnd); null when it is empty. */
  end: { lastOpenedAt: Date; lastDay: IsoDate } | null;
}): ReportPeriod {
  const { since, now, timezone, end } = input;
  const today = localDate(now, timezone);
  if (end === null || end.lastDay >= addDays(today, -STALE_HISTORY_DAYS)) {
    return { period: periodUntilNow(since ?? defaultSince(today), now), historyEnd: null };
  }
  // The history's own clock: its last scan, as if the report had been asked for then.
  const period = periodUntilNow(
    since ?? defaultSince(localDate(end.lastOpenedAt, timezone)),
    end.lastOpenedAt,
  );
  // A fix recorded after that scan (on a later local date) still falls inside.
  const until = [end.lastDay, period.until].sort().at(-1) ?? period.until;
  return { period: { since: period.since, until }, historyEnd: end.lastDay };
}

/** The report's heading: which period it shows, and why it ends where it does. */
export function reportHeading(report: ReportPeriod, today: IsoDate): string {
  const { period, historyEnd } = report;
  return historyEnd
    ? `Nudge effectiveness from ${period.since} to ${historyEnd}, where the recorded history ends (today is ${today})`
    : `Nudge effectiveness from ${period.since} until now (${today})`;
}
