// The console's report reads in PostgreSQL: sends are counted per local day by the server itself
// (the stored UTC instant read in the asked time zone), the rest as on SQLite.
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
import type { Queryable } from "./pg-outbox.ts";

export const PG_REPORTS_SQL = {
  sentPerDay: `SELECT to_char(sent_at::timestamptz AT TIME ZONE $2, 'YYYY-MM-DD') AS day, kind, COUNT(*) AS count
    FROM outbox WHERE status = 'sent' AND sent_at >= $1
    GROUP BY day, kind ORDER BY day, kind COLLATE "C"`,
  uncertain:
    "SELECT COUNT(*) AS uncertain FROM outbox WHERE status IN ('pending', 'sending') AND uncertain = 1",
  problems: `SELECT ${PROBLEM_COLUMNS} FROM outbox WHERE ${PROBLEM_FILTER} ORDER BY created_at DESC LIMIT $1`,
  adoption: "SELECT project_id, rep_email, month FROM adoption_answers WHERE month >= $1 AND used = 1",
} as const;

export function pgReportsStore(db: Queryable): ReportsStore {
  return {
    sentPerDay: async (since: Date, timeZone: string): Promise<SentOnDay[]> => {
      const result = await db.query<{ day: string; kind: string; count: string }>(PG_REPORTS_SQL.sentPerDay, [
        since.toISOString(),
        timeZone,
      ]);
      return result.rows.map((row) => ({ day: row.day, kind: row.kind, count: Number(row.count) }));
    },
    uncertainCount: async (): Promise<number> => {
      const result = await db.query<{ uncertain: string }>(PG_REPORTS_SQL.uncertain);
      return Number(result.rows[0]?.uncertain ?? 0);
    },
    deliveryProblems: async (limit: number): Promise<DeliveryProblem[]> =>
      (await db.query<ProblemRow>(PG_REPORTS_SQL.problems, [limit])).rows.map(toDeliveryProblem),
    adoptionYesSince: async (sinceMonth: string): Promise<AdoptionYes[]> =>
      (
        await db.query<{ project_id: string; rep_email: string; month: string }>(PG_REPORTS_SQL.adoption, [
          sinceMonth,
        ])
      ).rows.map(toAdoptionYes),
  };
}
