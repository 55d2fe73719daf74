// A database written by the migrations and stores as they were before the one store (each
// migration's SQL run as it is, recorded by id in schema_migrations, rows written in plain SQL as
// those stores wrote them) is opened as it is: nothing to apply, and every record reads back.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { openStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";

const AT = "2026-03-10T15:00:00.000Z";
const NOW = new Date(AT);
const ALL = MIGRATIONS.map((migration) => `${migration.id}-${migration.name}`);

/** Rows as the earlier stores wrote them, placeholders `?` (SQLite) or numbered (PostgreSQL). */
const ROWS: [string, unknown[]][] = [
  [
    "INSERT INTO digest_ledger (rep_email, local_date, finding_count, claimed_at) VALUES (?, ?, ?, ?)",
    ["ava@example.com", "2026-03-10", 3, AT],
  ],
  [
    "INSERT INTO outbox (key, kind, channel, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
    ["digest:ava@example.com:2026-03-10", "digest", "UAVA", '{"text":"Pipeline nudges"}', AT, AT],
  ],
  ["INSERT INTO outbox_purged (key, sent_at) VALUES (?, ?)", ["rep-not-found:jo@example.com", AT]],
  ["INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)", ["channel", "C1", AT]],
  [
    "INSERT INTO finding_episodes (rule, record_id, record_type, owner, opened_at, opened_on) VALUES (?, ?, ?, ?, ?, ?)",
    ["source-missing", "006A", "opportunity", "ava@example.com", AT, "2026-03-10"],
  ],
];

async function readsBack(store: Store): Promise<void> {
  expect(await store.migrate()).toEqual({ applied: [], current: ALL });
  expect((await store.listDigestClaims("2026-03-10")).map((claim) => claim.rep)).toEqual(["ava@example.com"]);
  const [message] = await store.leaseDueMessages("sender", NOW, 60_000, 10);
  expect(message).toMatchObject({
    key: "digest:ava@example.com:2026-03-10",
    payload: { text: "Pipeline nudges" },
  });
  expect(
    await store.enqueue(
      { key: "rep-not-found:jo@example.com", kind: "n", channel: "U", payload: { text: "" } },
      NOW,
    ),
  ).toBe(false);
  expect(await store.getSetting("channel")).toBe("C1");
  expect((await store.history.openEpisodes()).map((episode) => episode.recordId)).toEqual(["006A"]);
  expect(await store.history.historyVersion()).toBe(0);
}

describe("a SQLite database written before the one store", () => {
  it("opens as it is and reads back", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "nudgebot-existing-")), "nudgebot.db");
    const before = new Database(file);
    before.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    for (const migration of MIGRATIONS) {
      before.exec(migration.sql);
      before
        .prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)")
        .run(migration.id, migration.name, AT);
    }
    for (const [sql, values] of ROWS) before.prepare(sql).run(...values);
    before.close();
    const store = openStore({ kind: "sqlite", file });
    try {
      await readsBack(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!POSTGRES_URL)("a PostgreSQL database written before the one store", () => {
  it("opens as it is and reads back", async () => {
    const database = await freshPostgresDatabase();
    const before = new pg.Client({ connectionString: database.url });
    await before.connect();
    const store = openStore({ kind: "postgres", url: database.url });
    try {
      await before.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      for (const migration of MIGRATIONS) {
        await before.query(migration.sql);
        if (migration.postgresOnly) await before.query(migration.postgresOnly);
        await before.query("INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)", [
          migration.id,
          migration.name,
          AT,
        ]);
      }
      for (const [sql, values] of ROWS) {
        let n = 0;
        await before.query(
          sql.replace(/\?/g, () => `$${++n}`),
          values,
        );
      }
      await readsBack(store);
    } finally {
      await before.end();
      await store.close();
      await database.drop();
    }
  });
});
