// The outbox lookups made per click and per minute use an index on both backends (EXPLAIN of the
// very SQL the stores run), so they stay cheap however many sent messages the outbox holds.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { CompiledQuery } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { outboxQueries } from "../../src/store/outbox-sql.ts";
import { openStore } from "../../src/store/sql-store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";

const AT = "2026-03-10T15:00:00.000Z";

describe("the outbox lookups on SQLite", () => {
  it("search an index instead of scanning the table", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "nudgebot-plan-")), "nudgebot.db");
    const store = openStore({ kind: "sqlite", file: file });
    await store.migrate();
    const q = outboxQueries(store.db);
    const lookups = {
      findSent: q.findSent("D1", "1.1").compile(),
      get: q.get("k").compile(),
      due: q.due(AT, 25).compile(),
      openStats: q.openStats().compile(),
      failedStats: q.failedStats().compile(),
      keysBetween: q.keys("adoption:", "adoption;").compile(),
      purge: q.purge(AT, 1000).compile(),
    };
    await store.close();
    const db = new Database(file, { readonly: true });
    const plan = ({ sql, parameters }: CompiledQuery) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[])
        .map((row) => row.detail)
        .join("; ");
    const plans = Object.fromEntries(Object.entries(lookups).map(([name, query]) => [name, plan(query)]));
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
    const store = openStore({ kind: "postgres", url: database.url });
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
      const plan = async ({ sql, parameters }: CompiledQuery) =>
        (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, [...parameters])).rows
          .map((row) => row["QUERY PLAN"])
          .join("\n");
      const q = outboxQueries(store.db);
      const plans = {
        findSent: await plan(q.findSent("D1", "1.1").compile()),
        get: await plan(q.get("k").compile()),
        due: await plan(q.due(AT, 25).compile()),
        openStats: await plan(q.openStats().compile()),
        failedStats: await plan(q.failedStats().compile()),
        keysBetween: await plan(q.keys("adoption:", "adoption;").compile()),
        purge: await plan(q.purge("2025-03-20T00:00:00.000Z", 1000).compile()),
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
