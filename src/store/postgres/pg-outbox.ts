// The outbox in PostgreSQL. Due rows are leased with FOR UPDATE SKIP LOCKED, so replicas draining
// at once never take the same message.
import type { Pool, PoolClient } from "pg";
import type { MessagePayload, NewOutboxMessage, OutboxMessage, OutboxStats } from "../outbox.ts";
import { type OutboxRow, prefixRange, toOutboxMessage } from "../rows.ts";

export type Queryable = Pool | PoolClient;

/** The outbox's lookups, exported so tests and the benchmark can EXPLAIN exactly these. */
export const PG_OUTBOX_SQL = {
  // A key once queued, even if since purged, is never queued again.
  enqueue: `INSERT INTO outbox (key, kind, channel, payload, status, next_attempt_at, created_at)
    SELECT $1, $2, $3, $4, 'pending', $5, $5 WHERE NOT EXISTS (SELECT 1 FROM outbox_purged WHERE key = $1)
    ON CONFLICT (key) DO NOTHING`,
  // Run after an enqueue that inserted, in its transaction: takes the row back if its key was purged.
  undoIfPurged: "DELETE FROM outbox WHERE key = $1 AND EXISTS (SELECT 1 FROM outbox_purged WHERE key = $1)",
  due: `SELECT key FROM outbox
    WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until < $3)
    ORDER BY next_attempt_at, created_at LIMIT $4
    FOR UPDATE SKIP LOCKED`,
  findSent: "SELECT * FROM outbox WHERE message_channel = $1 AND message_ts = $2 AND status = 'sent'",
  get: "SELECT * FROM outbox WHERE key = $1",
  openStats:
    "SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'sending')",
  failedStats: "SELECT COUNT(*) AS failed FROM outbox WHERE status = 'failed'",
  // Compared in byte order (COLLATE "C"), as the prefix bounds are, on the index of migration 5.
  keysFrom: `SELECT key FROM outbox WHERE key COLLATE "C" >= $1`,
  keysBetween: `SELECT key FROM outbox WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2`,
  purge: `WITH gone AS (
      -- = ANY(ARRAY(…)): the batch's keys as one value, deleted through the primary key.
      DELETE FROM outbox WHERE key = ANY (ARRAY(
        SELECT key FROM outbox WHERE status = 'sent' AND sent_at < $1 ORDER BY sent_at LIMIT $2
        FOR UPDATE SKIP LOCKED
      )) RETURNING key, sent_at
    ), kept AS (
      INSERT INTO outbox_purged (key, sent_at) SELECT key, sent_at FROM gone ON CONFLICT DO NOTHING
    )
    SELECT COUNT(*) AS purged FROM gone`,
} as const;

/**
 * Queues `message` unless its key was ever queued. `client` must be inside a transaction: the row
 * this may take back again must never be seen by a sender.
 */
export async function enqueue(client: PoolClient, message: NewOutboxMessage, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await client.query(PG_OUTBOX_SQL.enqueue, [
    message.key,
    message.kind,
    message.channel,
    JSON.stringify(message.payload),
    at,
  ]);
  if (result.rowCount !== 1) return false;
  // The insert's "already purged?" check reads a snapshot taken before a purge of this key
  // committed: a purge that had deleted the old row but not yet committed makes the insert wait
  // on that row, then succeed, though the key is now in outbox_purged. So look again in a new
  // statement (READ COMMITTED: a fresh snapshot, which now holds the purge) and take the row back.
  // Simpler than a lock both sides honour, and only an enqueue that inserted pays for it.
  const undone = await client.query(PG_OUTBOX_SQL.undoIfPurged, [message.key]);
  return undone.rowCount === 0;
}

export async function leaseDue(
  db: Queryable,
  owner: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxMessage[]> {
  const at = now.toISOString();
  const result = await db.query<OutboxRow>(
    `UPDATE outbox
     SET uncertain = CASE WHEN status = 'sending' THEN 1 ELSE uncertain END,
         status = 'sending', lease_owner = $1, lease_until = $2, attempts = attempts + 1
     WHERE key IN (${PG_OUTBOX_SQL.due})
     RETURNING *`,
    [owner, new Date(now.getTime() + leaseMs).toISOString(), at, limit],
  );
  return result.rows
    .map(toOutboxMessage)
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

export async function markSent(
  db: Queryable,
  key: string,
  owner: string,
  sent: { channel: string; ts: string },
  now: Date,
) {
  await db.query(
    `UPDATE outbox SET status = 'sent', sent_at = $1, message_channel = $2, message_ts = $3, uncertain = 0,
       lease_owner = NULL, lease_until = NULL, last_error = NULL
     WHERE key = $4 AND lease_owner = $5`,
    [now.toISOString(), sent.channel, sent.ts, key, owner],
  );
}

export async function markRetry(
  db: Queryable,
  key: string,
  owner: string,
  next: Date,
  error: string,
  uncertain: boolean,
) {
  await db.query(
    `UPDATE outbox SET status = 'pending', next_attempt_at = $1, last_error = $2, uncertain = $5,
       lease_owner = NULL, lease_until = NULL
     WHERE key = $3 AND lease_owner = $4`,
    [next.toISOString(), error, key, owner, uncertain ? 1 : 0],
  );
}

export async function renewLease(
  db: Queryable,
  key: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE outbox SET lease_until = $1
     WHERE key = $2 AND lease_owner = $3 AND status = 'sending' AND lease_until >= $4`,
    [new Date(now.getTime() + leaseMs).toISOString(), key, owner, now.toISOString()],
  );
  return result.rowCount === 1;
}

export async function purgeSent(db: Queryable, before: Date, limit: number): Promise<number> {
  const result = await db.query<{ purged: string }>(PG_OUTBOX_SQL.purge, [before.toISOString(), limit]);
  return Number(result.rows[0]?.purged ?? 0);
}

export async function markFailed(db: Queryable, key: string, owner: string, error: string) {
  await db.query(
    "UPDATE outbox SET status = 'failed', last_error = $1, lease_owner = NULL, lease_until = NULL WHERE key = $2 AND lease_owner = $3",
    [error, key, owner],
  );
}

export async function getMessage(db: Queryable, key: string): Promise<OutboxMessage | null> {
  const result = await db.query<OutboxRow>(PG_OUTBOX_SQL.get, [key]);
  return result.rows[0] ? toOutboxMessage(result.rows[0]) : null;
}

export async function findSent(db: Queryable, channel: string, ts: string): Promise<OutboxMessage | null> {
  const result = await db.query<OutboxRow>(PG_OUTBOX_SQL.findSent, [channel, ts]);
  return result.rows[0] ? toOutboxMessage(result.rows[0]) : null;
}

export async function updatePayload(db: Queryable, key: string, payload: MessagePayload) {
  await db.query("UPDATE outbox SET payload = $1 WHERE key = $2", [JSON.stringify(payload), key]);
}

export async function stats(db: Queryable, now: Date): Promise<OutboxStats> {
  const open = await db.query<{ depth: string; oldest: string | null }>(PG_OUTBOX_SQL.openStats);
  const failed = await db.query<{ failed: string }>(PG_OUTBOX_SQL.failedStats);
  const oldest = open.rows[0]?.oldest ?? null;
  return {
    depth: Number(open.rows[0]?.depth ?? 0),
    oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0,
    failed: Number(failed.rows[0]?.failed ?? 0),
  };
}

export async function queuedKeys(db: Queryable, prefix: string): Promise<Set<string>> {
  const { from, to } = prefixRange(prefix);
  const result =
    to === null
      ? await db.query<{ key: string }>(PG_OUTBOX_SQL.keysFrom, [from])
      : await db.query<{ key: string }>(PG_OUTBOX_SQL.keysBetween, [from, to]);
  return new Set(result.rows.map((row) => row.key));
}
