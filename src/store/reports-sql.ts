// The console's report reads over either database: sends per local day, the outbox's uncertain and
// failed messages, and who used which Give Back project each month.
import { localDate } from "../domain/dates.ts";
import type { Db } from "./db.ts";
import type { ReportsStore, SentOnDay } from "./reports-store.ts";

/** Counts per bucket (a local day, or a UTC minute `2026-03-10T15:04`) summed into local days of `timeZone`. */
export function foldIntoDays(
  buckets: readonly { bucket: string; kind: string; count: number }[],
  timeZone: string,
  inZone: boolean,
): SentOnDay[] {
  const days = new Map<string, SentOnDay>();
  for (const { bucket, kind, count } of buckets) {
    const day = inZone ? bucket : localDate(new Date(`${bucket}:00Z`), timeZone);
    const key = `${day}|${kind}`;
    const found = days.get(key);
    if (found) found.count += Number(count);
    else days.set(key, { day, kind, count: Number(count) });
  }
  // By day then kind, in code point order.
  return [...days.values()].sort((a, b) =>
    a.day === b.day ? (a.kind < b.kind ? -1 : 1) : a.day < b.day ? -1 : 1,
  );
}

export function reportsStore({ k, dialect }: Db): ReportsStore {
  return {
    sentPerDay: async (since, timeZone) => {
      const { bucket, inZone } = dialect.sentBucket("sent_at", timeZone);
      const rows = await k
        .selectFrom("outbox")
        .select((eb) => [bucket.as("bucket"), "kind", eb.fn.countAll<number>().as("count")])
        .where("status", "=", "sent")
        .where("sent_at", ">=", since.toISOString())
        .groupBy(["bucket", "kind"])
        .execute();
      return foldIntoDays(rows, timeZone, inZone);
    },
    uncertainCount: async () =>
      Number(
        (
          await k
            .selectFrom("outbox")
            .select((eb) => eb.fn.countAll<number>().as("uncertain"))
            .where("status", "in", ["pending", "sending"])
            .where("uncertain", "=", 1)
            .executeTakeFirst()
        )?.uncertain ?? 0,
      ),
    deliveryProblems: async (limit) =>
      (
        await k
          .selectFrom("outbox")
          .select(["key", "kind", "channel", "status", "attempts", "last_error", "created_at"])
          // Messages with an error that are not sent: failed for good, or waiting for another attempt.
          .where("last_error", "is not", null)
          .where("status", "in", ["failed", "pending", "sending"])
          .orderBy("created_at", "desc")
          .limit(limit)
          .execute()
      ).map(({ last_error, created_at, ...row }) => ({
        ...row,
        attempts: Number(row.attempts),
        lastError: last_error ?? "",
        createdAt: new Date(created_at),
      })),
    adoptionYesSince: async (sinceMonth) =>
      k
        .selectFrom("adoption_answers")
        .select(["project_id as projectId", "rep_email as rep", "month"])
        .where("month", ">=", sinceMonth)
        .where("used", "=", 1)
        .execute(),
  };
}
