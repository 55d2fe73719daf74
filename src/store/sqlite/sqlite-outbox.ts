// The outbox in SQLite: queue once per key, lease due rows to one sender, record each outcome.
import type Database from "better-sqlite3";
import type { MessagePayload, NewOutboxMessage, OutboxMessage, OutboxStats } from "../outbox.ts";
import { type OutboxRow, prefixRange, toOutboxMessage } from "../rows.ts";

/** The outbox's lookups, exported so tests and the benchmark can EXPLAIN exactly these. */
export const SQLITE_OUTBOX_SQL = {
  // A key once queued, even if since purged, is never queued again.
  enqueue: `INSERT INTO outbox (key, kind, channel, payload, status, next_attempt_at, created_at)
    SELECT ?, ?, ?, ?, 'pending', ?, ? WHERE NOT EXISTS (SELECT 1 FROM outbox_purged WHERE key = ?)
    ON CONFLICT (key) DO NOTHING`,
  due: `SELECT key FROM outbox
    WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)
    ORDER BY next_attempt_at, created_at LIMIT ?`,
  findSent: "SELECT * FROM outbox WHERE message_channel = ? AND message_ts = ? AND status = 'sent'",
  get: "SELECT * FROM outbox WHERE key = ?",
  openStats:
    "SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'sending')",
  failedStats: "SELECT COUNT(*) AS failed FROM outbox WHERE status = 'failed'",
  keysFrom: "SELECT key FROM outbox WHERE key >= ?",
  keysBetween: "SELECT key FROM outbox WHERE key >= ? AND key < ?",
  purge: `DELETE FROM outbox WHERE key IN (
      SELECT key FROM outbox WHERE status = 'sent' AND sent_at < ? ORDER BY sent_at LIMIT ?
    ) RETURNING key, sent_at`,
} as const;

export class SqliteOutbox {
  constructor(private readonly db: Database.Database) {}

  enqueue(message: NewOutboxMessage, now: Date): boolean {
    const at = now.toISOString();
    const result = this.db
      .prepare(SQLITE_OUTBOX_SQL.enqueue)
      .run(message.key, message.kind, message.channel, JSON.stringify(message.payload), at, at, message.key);
    return result.changes === 1;
  }

  leaseDue(owner: string, now: Date, leaseMs: number, limit: number): OutboxMessage[] {
    const at = now.toISOString();
    // A row still 'sending' when its lease ran out may or may not have reached Slack: flag it.
    const rows = this.db
      .prepare(
        `UPDATE outbox
         SET uncertain = CASE WHEN status = 'sending' THEN 1 ELSE uncertain END,
             status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1
         WHERE key IN (${SQLITE_OUTBOX_SQL.due})
         RETURNING *`,
      )
      .all(owner, new Date(now.getTime() + leaseMs).toISOString(), at, at, limit) as OutboxRow[];
    return rows.map(toOutboxMessage).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  }

  markSent(key: string, owner: string, result: { channel: string; ts: string }, now: Date): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'sent', sent_at = ?, message_channel = ?, message_ts = ?, uncertain = 0,
           lease_owner = NULL, lease_until = NULL, last_error = NULL
         WHERE key = ? AND lease_owner = ?`,
      )
      .run(now.toISOString(), result.channel, result.ts, key, owner);
  }

  markRetry(key: string, owner: string, nextAttemptAt: Date, error: string, uncertain: boolean): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, uncertain = ?,
           lease_owner = NULL, lease_until = NULL
         WHERE key = ? AND lease_owner = ?`,
      )
      .run(nextAttemptAt.toISOString(), error, uncertain ? 1 : 0, key, owner);
  }

  renewLease(key: string, owner: string, now: Date, leaseMs: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE outbox SET lease_until = ?
         WHERE key = ? AND lease_owner = ? AND status = 'sending' AND lease_until >= ?`,
      )
      .run(new Date(now.getTime() + leaseMs).toISOString(), key, owner, now.toISOString());
    return result.changes === 1;
  }

  purgeSent(before: Date, limit: number): number {
    const keep = this.db.prepare(
      "INSERT INTO outbox_purged (key, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
    );
    return this.db
      .transaction(() => {
        const gone = this.db.prepare(SQLITE_OUTBOX_SQL.purge).all(before.toISOString(), limit) as {
          key: string;
          sent_at: string;
        }[];
        for (const row of gone) keep.run(row.key, row.sent_at);
        return gone.length;
      })
      .immediate();
  }

  queuedKeys(prefix: string): Set<string> {
    const { from, to } = prefixRange(prefix);
    const rows = (
      to === null
        ? this.db.prepare(SQLITE_OUTBOX_SQL.keysFrom).all(from)
        : this.db.prepare(SQLITE_OUTBOX_SQL.keysBetween).all(from, to)
    ) as { key: string }[];
    return new Set(rows.map((row) => row.key));
  }

  markFailed(key: string, owner: string, error: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'failed', last_error = ?, lease_owner = NULL, lease_until = NULL
         WHERE key = ? AND lease_owner = ?`,
      )
      .run(error, key, owner);
  }

  get(key: string): OutboxMessage | null {
    const row = this.db.prepare(SQLITE_OUTBOX_SQL.get).get(key) as OutboxRow | undefined;
    return row ? toOutboxMessage(row) : null;
  }

  findSent(channel: string, ts: string): OutboxMessage | null {
    const row = this.db.prepare(SQLITE_OUTBOX_SQL.findSent).get(channel, ts) as OutboxRow | undefined;
    return row ? toOutboxMessage(row) : null;
  }

  updatePayload(key: string, payload: MessagePayload): void {
    this.db.prepare("UPDATE outbox SET payload = ? WHERE key = ?").run(JSON.stringify(payload), key);
  }

  stats(now: Date): OutboxStats {
    const open = this.db.prepare(SQLITE_OUTBOX_SQL.openStats).get() as {
      depth: number;
      oldest: string | null;
    };
    const failed = this.db.prepare(SQLITE_OUTBOX_SQL.failedStats).get() as {
      failed: number;
    };
    return {
      depth: open.depth,
      oldestAgeSeconds: open.oldest ? Math.max(0, (now.getTime() - Date.parse(open.oldest)) / 1000) : 0,
      failed: failed.failed,
    };
  }
}
