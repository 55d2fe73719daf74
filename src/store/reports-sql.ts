// The console's report reads over either database: sends per local day, the outbox's uncertain and
// failed messages, and who used which Give Back project each month.
import { localDate } from "../domain/dates.ts";
import type { Db } from "./db.ts";
import { type ReportsStore, type SentOnDay, toAdoptionYes, toDeliveryProblem } from "./reports-store.ts";

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

export function reportQueries({ k, dialect }: Pick<Db, "k" | "dialect">) {
  return {
    sentPerBucket: (since: string, timeZone: string) => {
      const { bucket } = dialect.sentBucket("sent_at", timeZone);
      return k
        .selectFrom("outbox")
        .select((eb) => [bucket.as("bucket"), "kind", eb.fn.countAll<number>().as("count")])
        .where("status", "=", "sent")
        .where("sent_at", ">=", since)
        .groupBy(["bucket", "kind"]);
    },
    problems: (limit: number) =>
      k
        .selectFrom("outbox")
        .select(["key", "kind", "channel", "status", "attempts", "last_error", "created_at"])
        // Messages with an error that are not sent: failed for good, or waiting for another attempt.
        .where("last_error", "is not", null)
        .where("status", "in", ["failed", "pending", "sending"])
        .orderBy("created_at", "desc")
        .limit(limit),
  };
}

export function reportsStore(db: Db): ReportsStore {
  const queries = reportQueries(db);
  const { k } = db;
  return {
    sentPerDay: async (since, timeZone) =>
      foldIntoDays(
        await queries.sentPerBucket(since.toISOString(), timeZone).execute(),
        timeZone,
        db.dialect.sentBucket("sent_at", timeZone).inZone,
      ),
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
    deliveryProblems: async (limit) => (await queries.problems(limit).execute()).map(toDeliveryProblem),
    adoptionYesSince: async (sinceMonth) =>
      (
        await k
          .selectFrom("adoption_answers")
          .select(["project_id", "rep_email", "month"])
          .where("month", ">=", sinceMonth)
          .where("used", "=", 1)
          .execute()
      ).map(toAdoptionYes),
  };
}
