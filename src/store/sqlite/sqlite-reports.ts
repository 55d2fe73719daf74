// The console's report reads in SQLite. SQLite knows no time zones, so sends are counted per UTC
// minute here and folded into local days in code: every zone's offset is a whole number of minutes.
import type Database from "better-sqlite3";
import { localDate } from "../../domain/dates.ts";
import {
  type AdoptionYes,
  type DeliveryProblem,
  PROBLEM_COLUMNS,
  PROBLEM_FILTER,
  type ProblemRow,
  type ReportsStore,
  type SentOnDay,
  toAdoptionYes,
  toDeliveryProblem,
} from "../reports-store.ts";

export const SQLITE_REPORTS_SQL = {
  sentPerMinute: `SELECT substr(sent_at, 1, 16) AS minute, kind, COUNT(*) AS count FROM outbox
    WHERE status = 'sent' AND sent_at >= ? GROUP BY minute, kind`,
  uncertain:
    "SELECT COUNT(*) AS uncertain FROM outbox WHERE status IN ('pending', 'sending') AND uncertain = 1",
  problems: `SELECT ${PROBLEM_COLUMNS} FROM outbox WHERE ${PROBLEM_FILTER} ORDER BY created_at DESC LIMIT ?`,
  adoption: "SELECT project_id, rep_email, month FROM adoption_answers WHERE month >= ? AND used = 1",
} as const;

/** Per-minute counts (`2026-03-10T15:04` in UTC) summed into local days of `timeZone`. */
export function foldIntoDays(
  minutes: readonly { minute: string; kind: string; count: number }[],
  timeZone: string,
): SentOnDay[] {
  const days = new Map<string, SentOnDay>();
  for (const { minute, kind, count } of minutes) {
    const day = localDate(new Date(`${minute}:00Z`), timeZone);
    const key = `${day}|${kind}`;
    const found = days.get(key);
    if (found) found.count += count;
    else days.set(key, { day, kind, count });
  }
  return [...days.values()].sort((a, b) =>
    a.day === b.day ? (a.kind < b.kind ? -1 : 1) : a.day < b.day ? -1 : 1,
  );
}

export function sqliteReportsStore(db: Database.Database): ReportsStore {
  return {
    sentPerDay: async (since: Date, timeZone: string): Promise<SentOnDay[]> => {
      const rows = db.prepare(SQLITE_REPORTS_SQL.sentPerMinute).all(since.toISOString()) as {
        minute: string;
        kind: string;
        count: number;
      }[];
      return foldIntoDays(rows, timeZone);
    },
    uncertainCount: async (): Promise<number> =>
      (db.prepare(SQLITE_REPORTS_SQL.uncertain).get() as { uncertain: number }).uncertain,
    deliveryProblems: async (limit: number): Promise<DeliveryProblem[]> =>
      (db.prepare(SQLITE_REPORTS_SQL.problems).all(limit) as ProblemRow[]).map(toDeliveryProblem),
    adoptionYesSince: async (sinceMonth: string): Promise<AdoptionYes[]> =>
      (
        db.prepare(SQLITE_REPORTS_SQL.adoption).all(sinceMonth) as {
          project_id: string;
          rep_email: string;
          month: string;
        }[]
      ).map(toAdoptionYes),
  };
}
