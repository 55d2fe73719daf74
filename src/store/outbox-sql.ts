// The outbox over either database: queue once per key, lease due rows to one sender, record each
// outcome. The lookups are exported as queries so tests and the benchmark EXPLAIN exactly these.
import { type Kysely, sql, type Updateable } from "kysely";
import type { Db } from "./db.ts";
import type { NewOutboxMessage } from "./outbox.ts";
import { prefixRange, toOutboxMessage } from "./rows.ts";
import type { OutboxStore } from "./store.ts";
import type { OutboxTable, Tables } from "./tables.ts";

const iso = (date: Date) => date.toISOString();

/** The outbox's lookups, as the store runs them. */
export function outboxQueries({ k, dialect }: Pick<Db, "k" | "dialect">) {
  return {
    due: (at: string, limit: number) =>
      dialect.skipLocked(
        k
          .selectFrom("outbox")
          .select("key")
          .where((eb) =>
            eb.or([
              eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", at)]),
              eb.and([eb("status", "=", "sending"), eb("lease_until", "<", at)]),
            ]),
          )
          .orderBy("next_attempt_at")
          .orderBy("created_at")
          .limit(limit),
      ),
    findSent: (channel: string, ts: string) =>
      k
        .selectFrom("outbox")
        .selectAll()
        .where("message_channel", "=", channel)
        .where("message_ts", "=", ts)
        .where("status", "=", "sent"),
    get: (key: string) => k.selectFrom("outbox").selectAll().where("key", "=", key),
    openStats: () =>
      k
        .selectFrom("outbox")
        .select((eb) => [eb.fn.countAll<number>().as("depth"), eb.fn.min("created_at").as("oldest")])
        .where("status", "in", ["pending", "sending"]),
    failedStats: () =>
      k
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll<number>().as("failed"))
        .where("status", "=", "failed"),
    // Compared in byte order, as the prefix bounds are, so the lookup is an index range.
    keys: (from: string, to: string | null) =>
      k
        .selectFrom("outbox")
        .select("key")
        .where(dialect.byteOrder("key"), ">=", from)
        .$if(to !== null, (query) => query.where(dialect.byteOrder("key"), "<", to as string)),
    purge: (before: string, limit: number) =>
      k
        .deleteFrom("outbox")
        .where(
          dialect.inBatch(
            "key",
            dialect.skipLocked(
              k
                .selectFrom("outbox")
                .select("key")
                .where("status", "=", "sent")
                .where("sent_at", "<", before)
                .orderBy("sent_at")
                .limit(limit),
            ),
          ),
        )
        .returning(["key", "sent_at"]),
  };
}

/**
 * Queues `message` unless its key was ever queued. Run inside a transaction: the row this may take
 * back again must never be seen by a sender.
 */
export async function enqueueIn(
  db: Pick<Db, "k" | "dialect">,
  message: NewOutboxMessage,
  now: Date,
): Promise<boolean> {
  const at = iso(now);
  // A key once queued, even if since purged, is never queued again.
  const inserted =
    await sql`INSERT INTO outbox (key, kind, channel, payload, status, next_attempt_at, created_at)
    SELECT ${message.key}, ${message.kind}, ${message.channel}, ${JSON.stringify(message.payload)}, 'pending', ${at}, ${at}
    WHERE NOT EXISTS (SELECT 1 FROM outbox_purged WHERE key = ${message.key})
    ON CONFLICT (key) DO NOTHING`.execute(db.k);
  if (inserted.numAffectedRows !== 1n) return false;
  if (!db.dialect.recheckPurged) return true;
  // PostgreSQL: the insert's "already purged?" check reads a snapshot taken before a purge of this
  // key committed: a purge that had deleted the old row but not yet committed makes the insert wait
  // on that row, then succeed, though the key is now in outbox_purged. So look again in a new
  // statement (READ COMMITTED: a fresh snapshot, which now holds the purge) and take the row back.
  // Simpler than a lock both sides honour, and only an enqueue that inserted pays for it.
  const undone = await db.k
    .deleteFrom("outbox")
    .where("key", "=", message.key)
    .where((eb) => eb.exists(eb.selectFrom("outbox_purged").select("key").where("key", "=", message.key)))
    .executeTakeFirst();
  return undone.numDeletedRows === 0n;
}

/** Deletes a batch of sent messages and keeps their keys; inside a transaction. */
export async function purgeIn(db: Pick<Db, "k" | "dialect">, before: Date, limit: number): Promise<number> {
  const gone = await outboxQueries(db).purge(iso(before), limit).execute();
  if (gone.length > 0)
    await (db.k as Kysely<Tables>)
      .insertInto("outbox_purged")
      .values(gone.map((row) => ({ key: row.key, sent_at: row.sent_at ?? "" })))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  return gone.length;
}

export function outboxStore(db: Db): OutboxStore {
  const queries = outboxQueries(db);
  const { k } = db;
  const one = (row: Parameters<typeof toOutboxMessage>[0] | undefined) => (row ? toOutboxMessage(row) : null);
  /** Records an outcome of `owner`'s attempt and ends its lease; nothing when another sender took it over. */
  const settle = async (key: string, owner: string, outcome: Updateable<OutboxTable>) => {
    await k
      .updateTable("outbox")
      .set({ ...outcome, lease_owner: null, lease_until: null })
      .where("key", "=", key)
      .where("lease_owner", "=", owner)
      .execute();
  };
  return {
    enqueue: (message, now) => db.transaction((t) => enqueueIn(t, message, now)),
    leaseDueMessages: async (owner, now, leaseMs, limit) => {
      const rows = await k
        .updateTable("outbox")
        .set((eb) => ({
          // A row still 'sending' when its lease ran out may or may not have reached Slack: flag it.
          uncertain: eb.case().when("status", "=", "sending").then(1).else(eb.ref("uncertain")).end(),
          status: "sending",
          lease_owner: owner,
          lease_until: iso(new Date(now.getTime() + leaseMs)),
          attempts: eb("attempts", "+", 1),
        }))
        .where("key", "in", queries.due(iso(now), limit))
        .returningAll()
        .execute();
      return rows.map(toOutboxMessage).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    },
    markSent: (key, owner, sent, now) =>
      settle(key, owner, {
        status: "sent",
        sent_at: iso(now),
        message_channel: sent.channel,
        message_ts: sent.ts,
        uncertain: 0,
        last_error: null,
      }),
    markRetry: (key, owner, next, error, uncertain) =>
      settle(key, owner, {
        status: "pending",
        next_attempt_at: iso(next),
        last_error: error,
        uncertain: uncertain ? 1 : 0,
      }),
    renewMessageLease: async (key, owner, now, leaseMs) => {
      const result = await k
        .updateTable("outbox")
        .set({ lease_until: iso(new Date(now.getTime() + leaseMs)) })
        .where("key", "=", key)
        .where("lease_owner", "=", owner)
        .where("status", "=", "sending")
        .where("lease_until", ">=", iso(now))
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    purgeSent: (before, limit) => db.transaction((t) => purgeIn(t, before, limit)),
    markFailed: (key, owner, error) => settle(key, owner, { status: "failed", last_error: error }),
    getMessage: async (key) => one(await queries.get(key).executeTakeFirst()),
    findSentMessage: async (channel, ts) => one(await queries.findSent(channel, ts).executeTakeFirst()),
    updateSentPayload: async (key, payload) => {
      await k
        .updateTable("outbox")
        .set({ payload: JSON.stringify(payload) })
        .where("key", "=", key)
        .execute();
    },
    outboxStats: async (now) => {
      const open = await queries.openStats().executeTakeFirst();
      const failed = await queries.failedStats().executeTakeFirst();
      const oldest = open?.oldest ?? null;
      return {
        depth: Number(open?.depth ?? 0),
        oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0,
        failed: Number(failed?.failed ?? 0),
      };
    },
    queuedKeys: async (prefix) => {
      const { from, to } = prefixRange(prefix);
      return new Set((await queries.keys(from, to).execute()).map((row) => row.key));
    },
  };
}
