// Benchmark: what the bot pays per message on each database, through the store port: a digest
// claimed with its message queued in the same transaction, and a message leased then marked sent.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL names a server (a fresh database).
// Before the one store over Kysely, on the same machine: SQLite 110 µs and 532 µs, PostgreSQL
// 684 µs and 1,475 µs (after: 187, 671, 1,006, 2,064 µs), the budget being twice the before.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../src/store/sql-store.ts";
import type { Store } from "../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../tests/helpers/postgres.ts";
import { median, report } from "./report.ts";

const OPS = Number(process.env.STORE_OPS ?? 2_000);
const NOW = new Date("2026-03-10T15:00:00Z");
const PAYLOAD = { text: "Pipeline nudges", blocks: [{ type: "section", text: "x".repeat(2000) }] };

async function perOp(count: number, op: (index: number) => Promise<unknown>): Promise<string> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await op(index);
    samples.push(performance.now() - started);
  }
  return `${(median(samples) * 1000).toFixed(0)} µs median`;
}

async function measure(name: string, store: Store): Promise<void> {
  const rep = (index: number) => `rep${index}@example.com`;
  const claim = await perOp(OPS, (index) =>
    store.claimDigest(
      { rep: rep(index), localDate: "2026-03-10", findingCount: 3, claimedAt: NOW },
      { key: `digest:${rep(index)}:2026-03-10`, kind: "digest", channel: `U${index}`, payload: PAYLOAD },
    ),
  );
  const send = await perOp(OPS, async (index) => {
    const [message] = await store.leaseDueMessages("bench", NOW, 60_000, 1);
    if (message) await store.markSent(message.key, "bench", { channel: `D${index}`, ts: `1.${index}` }, NOW);
  });
  report(`store operations, ${name}, ${OPS.toLocaleString("en")} each`, [
    ["claim + queue (claimDigest with its message)", claim],
    ["lease + mark sent (leaseDueMessages 1, markSent)", send],
  ]);
}

export async function storeOpsBench(): Promise<void> {
  const sqlite = openStore({
    kind: "sqlite",
    file: join(mkdtempSync(join(tmpdir(), "nudgebot-ops-bench-")), "ops.db"),
  });
  await sqlite.migrate();
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
    await measure("PostgreSQL", store);
  } finally {
    await store.close();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await storeOpsBench();
