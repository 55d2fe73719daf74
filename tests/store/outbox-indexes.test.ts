// The outbox lookups made per click and per minute use an index on both backends (EXPLAIN of the
// very SQL the stores run), so they stay cheap however many sent messages the outbox holds.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PG_OUTBOX_SQL } from "../../src/store/postgres/pg-outbox.ts";
import { PostgresStore } from "../../src/store/postgres/postgres-store.ts";
import { SQLITE_OUTBOX_SQL } from "../../src/store/sqlite/sqlite-outbox.ts";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";

const AT = "2026-03-10T15:00:00.000Z";

describe("the outbox lookups on SQLite", () => {
  it("search an index instead of scanning the table", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "nudgebot-plan-")), "nudgebot.db");
    const store = new SqliteStore(file);
    await store.migrate();
    await store.close();
    const db = new Database(file, { readonly: true });
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join("; ");
    const plans = {
      findSent: plan(SQLITE_OUTBOX_SQL.findSent, "D1", "1.1"),
      get: plan(SQLITE_OUTBOX_SQL.get, "k"),
      due: plan(SQLITE_OUTBOX_SQL.due, AT, AT, 25),
      openStats: plan(SQLITE_OUTBOX_SQL.openStats),
      failedStats: plan(SQLITE_OUTBOX_SQL.failedStats),
      keysBetween: plan(SQLITE_OUTBOX_SQL.keysBetween, "adoption:", "adoption;"),
      purge: plan(SQLITE_OUTBOX_SQL.purge, AT, 1000),
    };
    db.close();
    for (const [lookup, detail] of Object.entries(plans)) {
      expect({ lookup, detail }).toMatchObject({ detail: expect.stringMatching(/SEARCH outbox USING/) });
      expect({ lookup, detail }).not.toMatchObject({
        detail: expect.stringMatching(/SCAN outbox(?! USING)/),
      });
    }
    expect(plans.findSent).toContain("outbox_sent_message");
    expect(plans.due).toContain("outbox_lease_ends");
    expect(plans.purge).toContain("outbox_sent_at");
  });
});

describe.skipIf(!POSTGRES_URL)("the outbox lookups on PostgreSQL", () => {
  it("search an index instead of scanning the table", async () => {
    const database = await freshPostgresDatabase();
    const store = new PostgresStore(database.url);
    const client = new pg.Client({ connectionString: database.url });
    try {
      await store.migrate();
      await client.connect();
      // A year of sent messages (a few still pending), analysed, so the planner chooses as it would
      // in production.
      await client.query(
        `INSERT INTO outbox (key, kind, channel, payload, status, next_attempt_at, created_at, sent_at, message_channel, message_ts)
         SELECT CASE WHEN i % 20 = 0 THEN 'adoption:' ELSE 'digest:' END || i, 'digest', 'U' || (i % 50), '{}',
           CASE WHEN i % 1000 = 0 THEN 'pending' ELSE 'sent' END, at, at, at, 'D' || (i % 50), '1773154800.' || i
         FROM (SELECT i, to_char(('2026-03-10T15:00:00Z'::timestamptz - (i % 360) * interval '1 day')
                 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
               FROM generate_series(1, 20000) AS i) AS rows`,
      );
      await client.query("ANALYZE outbox");
      const plan = async (sql: string, params: unknown[]) =>
        (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params)).rows
          .map((row) => row["QUERY PLAN"])
          .join("\n");
      const plans = {
        findSent: await plan(PG_OUTBOX_SQL.findSent, ["D1", "1.1"]),
        get: await plan(PG_OUTBOX_SQL.get, ["k"]),
        due: await plan(PG_OUTBOX_SQL.due.replace("$3", "$1").replaceAll("$3", "$1").replace("$4", "$2"), [
          AT,
          25,
        ]),
        openStats: await plan(PG_OUTBOX_SQL.openStats, []),
        failedStats: await plan(PG_OUTBOX_SQL.failedStats, []),
        keysBetween: await plan(PG_OUTBOX_SQL.keysBetween, ["adoption:", "adoption;"]),
        purge: await plan(PG_OUTBOX_SQL.purge, ["2025-03-20T00:00:00.000Z", 1000]),
      };
      for (const [lookup, detail] of Object.entries(plans)) {
        expect({ lookup, detail }).not.toMatchObject({
          detail: expect.stringContaining("Seq Scan on outbox"),
        });
      }
      expect(plans.findSent).toContain("outbox_sent_message");
      expect(plans.keysBetween).toContain("outbox_key_bytes");
      expect(plans.purge).toContain("outbox_sent_at");
    } finally {
      await client.end();
      await store.close();
      await database.drop();
    }
  });
});
