// Benchmark: the outbox lookups made per click (findSentMessage, getMessage) and per minute (lease
// due, stats, queued keys by prefix) on an outbox holding a year of sent messages, SQLite and (when
// TEST_DATABASE_URL names a server) PostgreSQL: median time per call, and the purge of old rows.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { openStore } from "../src/store/sql-store.ts";
import type { Store } from "../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../tests/helpers/postgres.ts";
import { median, report } from "./report.ts";

const ROWS = Number(process.env.OUTBOX_ROWS ?? 100_000);
const NOW = new Date("2026-03-10T15:00:00Z");
const PAYLOAD = JSON.stringify({
  text: "Pipeline nudges",
  blocks: [{ type: "section", text: "x".repeat(2000) }],
});

// Sent rows over the past 360 days, one in 20 an adoption check-in, and a few still pending.
const FILL_SQLITE = `
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
  INSERT INTO outbox (key, kind, channel, payload, status, attempts, next_attempt_at, created_at, sent_at, message_channel, message_ts)
  SELECT CASE WHEN i % 20 = 0 THEN 'adoption:' ELSE 'digest:' END || i, 'digest', 'U' || (i % 500), ?,
    CASE WHEN i % 5000 = 0 THEN 'pending' ELSE 'sent' END, 1,
    strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || (i % 360) || ' days'),
    strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || (i % 360) || ' days'),
    strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || (i % 360) || ' days'),
    'D' || (i % 500), '1773154800.' || i
  FROM n`;
const FILL_POSTGRES = `
  INSERT INTO outbox (key, kind, channel, payload, status, attempts, next_attempt_at, created_at, sent_at, message_channel, message_ts)
  SELECT CASE WHEN i % 20 = 0 THEN 'adoption:' ELSE 'digest:' END || i, 'digest', 'U' || (i % 500), $2,
    CASE WHEN i % 5000 = 0 THEN 'pending' ELSE 'sent' END, 1, at, at, at, 'D' || (i % 500), '1773154800.' || i
  FROM (SELECT i, to_char(($3::timestamptz - (i % 360) * interval '1 day') AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM generate_series(1, $1) AS i) AS rows`;

async function time(calls: number, call: (index: number) => Promise<unknown>): Promise<string> {
  const samples: number[] = [];
  for (let index = 0; index < calls; index++) {
    const started = performance.now();
    await call(index);
    samples.push(performance.now() - started);
  }
  return `${median(samples).toFixed(3)} ms`;
}

async function measure(name: string, store: Store): Promise<void> {
  const sample = (index: number) => 1 + ((index * 7919) % ROWS);
  const rows: [string, string][] = [
    [
      "findSentMessage (per click)",
      await time(200, (i) => store.findSentMessage(`D${sample(i) % 500}`, `1773154800.${sample(i)}`)),
    ],
    ["getMessage by key (per click)", await time(200, (i) => store.getMessage(`digest:${sample(i)}`))],
    [
      "leaseDueMessages, none due (per minute)",
      await time(50, () =>
        store.leaseDueMessages("bench", new Date(NOW.getTime() - 400 * 86_400_000), 60_000, 25),
      ),
    ],
    ["outboxStats (per minute)", await time(50, () => store.outboxStats(NOW))],
    ["queuedKeys('adoption:') (per minute)", await time(20, () => store.queuedKeys("adoption:"))],
  ];
  const purgeable = store as Store & { purgeSent?: (before: Date, limit: number) => Promise<number> };
  if (purgeable.purgeSent) {
    const cutoff = new Date(NOW.getTime() - 30 * 86_400_000);
    const started = performance.now();
    let purged = 0;
    for (
      let batch = await purgeable.purgeSent(cutoff, 1000);
      batch > 0;
      batch = await purgeable.purgeSent(cutoff, 1000)
    )
      purged += batch;
    rows.push([
      `purge sent > 30 days (${purged} rows, batches of 1000)`,
      `${(performance.now() - started).toFixed(0)} ms`,
    ]);
    rows.push([
      "findSentMessage after purge",
      await time(200, (i) => store.findSentMessage(`D${sample(i) % 500}`, `1773154800.${sample(i)}`)),
    ]);
  }
  report(`outbox lookups, ${name}, ${ROWS.toLocaleString("en")} rows`, rows);
}

export async function outboxBench(): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), "nudgebot-outbox-bench-")), "outbox.db");
  const sqlite = openStore({ kind: "sqlite", file: file });
  await sqlite.migrate();
  const raw = new Database(file);
  const at = NOW.toISOString();
  raw.prepare(FILL_SQLITE).run(ROWS, PAYLOAD, at, at, at);
  raw.exec("ANALYZE");
  raw.close();
  await measure("SQLite", sqlite);
  await sqlite.close();

  if (!POSTGRES_URL) {
    process.stdout.write("  (PostgreSQL skipped: set TEST_DATABASE_URL)\n");
    return;
  }
  const database = await freshPostgresDatabase();
  const store = openStore({ kind: "postgres", url: database.url });
  try {
    await store.migrate();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(FILL_POSTGRES, [ROWS, PAYLOAD, at]);
    await client.query("ANALYZE outbox");
    await client.end();
    await measure("PostgreSQL", store);
  } finally {
    await store.close();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await outboxBench();
