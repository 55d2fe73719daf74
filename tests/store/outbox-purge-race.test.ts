// A key queued again while its old row is being purged (rep-not-found:…, unusable-read:… are
// queued every cycle) is refused: the purge is held open on a second connection while the enqueue
// runs, so the interleaving happens every time, not by luck.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { enqueueIn, purgeIn } from "../../src/store/outbox-sql.ts";
import { openStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";
import { overPostgres, overSqlite } from "../helpers/raw-db.ts";

const DAY = 86_400_000;
const NOW = new Date("2026-03-10T15:00:00Z");
const SENT_AT = new Date(NOW.getTime() - 40 * DAY);
const CUTOFF = new Date(NOW.getTime() - 30 * DAY);
const KEY = "rep-not-found:jo@example.com";
const NOTICE = {
  key: KEY,
  kind: "rep-not-found",
  channel: "UADMIN",
  payload: { text: "Jo is not in Slack" },
};

/** Queues the notice 40 days ago, sends it, and queues it again as the next cycle would: [true, false]. */
async function sentLongAgo(store: Store): Promise<boolean[]> {
  const queued = [await store.enqueue(NOTICE, SENT_AT)];
  await store.leaseDueMessages("sender", SENT_AT, 60_000, 10);
  await store.markSent(KEY, "sender", { channel: "DADMIN", ts: "1.1" }, SENT_AT);
  queued.push(await store.enqueue(NOTICE, NOW));
  return queued;
}

/** Waits until a session of this database is blocked by backend `pid`, by asking the server. */
async function blockedBy(watcher: pg.Client, pid: number): Promise<void> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const { rows } = await watcher.query<{ blocked: string }>(
      `SELECT COUNT(*) AS blocked FROM pg_stat_activity
       WHERE datname = current_database() AND $1 = ANY (pg_blocking_pids(pid))`,
      [pid],
    );
    if (Number(rows[0]?.blocked) > 0) return;
  }
  throw new Error(`nothing ever waited on backend ${pid}`);
}

describe.skipIf(!POSTGRES_URL)("the outbox on PostgreSQL, purging a key while it is queued again", () => {
  it("refuses the key, so the message is sent once", async () => {
    const database = await freshPostgresDatabase();
    const store = openStore({ kind: "postgres", url: database.url });
    const purger = new pg.Client({ connectionString: database.url });
    const watcher = new pg.Client({ connectionString: database.url });
    try {
      await store.migrate();
      await purger.connect();
      await watcher.connect();
      const queued = await sentLongAgo(store);

      // The purge, as the store runs it, left uncommitted: the old row is deleted, its key kept.
      await purger.query("BEGIN");
      const pid = (await purger.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
      expect(await purgeIn(overPostgres(purger), CUTOFF, 1000)).toBe(1);

      // The next cycle queues the notice again; it waits on the deleted row until the purge ends.
      const again = store.enqueue(NOTICE, NOW);
      await blockedBy(watcher, pid ?? -1);
      await purger.query("COMMIT");
      queued.push(await again);

      expect(queued).toEqual([true, false, false]);
      expect(await store.getMessage(KEY)).toBeNull();
      expect(await store.leaseDueMessages("sender", NOW, 60_000, 10)).toEqual([]);
    } finally {
      await purger.end();
      await watcher.end();
      await store.close();
      await database.drop();
    }
  });
});

describe("the outbox on SQLite, purging a key while it is queued again", () => {
  it("cannot interleave: the enqueue waits for the purge to commit, then finds the key purged", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "nudgebot-purge-race-")), "store.db");
    const store = openStore({ kind: "sqlite", file: file });
    const purger = new Database(file);
    // A second replica that does not wait for the lock, so the test shows it is held instead of hanging.
    const replica = new Database(file);
    replica.pragma("busy_timeout = 0");
    try {
      await store.migrate();
      const queued = await sentLongAgo(store);

      // The store's own purge, inside a transaction left open on another connection.
      purger.exec("BEGIN IMMEDIATE");
      expect(await purgeIn(overSqlite(purger), CUTOFF, 1000)).toBe(1);
      await expect(enqueueIn(overSqlite(replica), NOTICE, NOW)).rejects.toThrow(/locked|busy/i);
      purger.exec("COMMIT");
      queued.push(await enqueueIn(overSqlite(replica), NOTICE, NOW));

      expect(queued).toEqual([true, false, false]);
      expect(await store.getMessage(KEY)).toBeNull();
      expect(await store.leaseDueMessages("sender", NOW, 60_000, 10)).toEqual([]);
    } finally {
      purger.close();
      replica.close();
      await store.close();
    }
  });
});
