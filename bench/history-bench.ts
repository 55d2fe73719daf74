// Benchmark: the finding history. (1) What one scan of 100,000 opportunities adds to a scan when 5%
// of them changed since the last one (episodes opened and resolved, this week's scores), on top of
// evaluating. (2) The effectiveness report over 90 days of history for 500 reps. SQLite always;
// PostgreSQL too when BENCH_DATABASE_URL names a server (a fresh database is created and dropped).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { workingDayCounter } from "../src/domain/calendar.ts";
import { addDays } from "../src/domain/dates.ts";
import { defaultSince, periodUntilNow } from "../src/domain/effectiveness.ts";
import { daysToFix } from "../src/domain/effectiveness-tallies.ts";
import type { Episode, OpenedEpisode } from "../src/domain/episodes.ts";
import { evaluatePipeline } from "../src/domain/evaluate.ts";
import { RULE_IDS } from "../src/domain/findings.ts";
import { type HoldoutSettings, holdoutStart } from "../src/domain/holdout-window.ts";
import type { Snapshot } from "../src/domain/model.ts";
import { DEFAULT_RULE_SETTINGS } from "../src/domain/settings.ts";
import { createLogger } from "../src/logging.ts";
import { effectivenessReport } from "../src/services/effectiveness-report.ts";
import { HistoryService } from "../src/services/history.ts";
import { openStore } from "../src/store/sql-store.ts";
import type { Store } from "../src/store/store.ts";
import { median, report } from "./report.ts";

const SIZE = { reps: 500, accounts: 20_000, opportunities: 100_000, seed: 7, today: "2026-03-10" };
const NOW = new Date("2026-03-10T15:00:00Z");
const TODAY = "2026-03-10";
const SCANS = 5;
const HISTORY_DAYS = 90;
const OPEN_PER_REP = 300;
const CHURN_PER_REP_PER_DAY = 15;
/** The proof by holdout on: scans keep each new episode's arm, and the report sums the arms. */
const HOLDOUT = { percent: 30, workingDays: 3 };
const WORKING_DAYS = workingDayCounter({ workingDays: [1, 2, 3, 4, 5], holidays: true, daysOff: [] });

interface Backend {
  name: string;
  open(): Promise<{ store: Store; cleanup: () => Promise<void>; settle?: () => Promise<void> }>;
}

function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: "SQLite",
      open: async () => {
        const folder = mkdtempSync(join(tmpdir(), "nudgebot-history-bench-"));
        const store = openStore({ kind: "sqlite", file: join(folder, "bench.db") });
        await store.migrate();
        return {
          store,
          cleanup: async () => {
            await store.close();
            rmSync(folder, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    list.push({
      name: "PostgreSQL",
      open: async () => {
        const name = `nudgebot_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const target = new URL(url);
        target.pathname = `/${name}`;
        const store = openStore({ kind: "postgres", url: target.toString() });
        await store.migrate();
        return {
          store,
          // A history written over 90 days has been vacuumed and analysed by autovacuum many times;
          // one bulk-filled in a minute has not, and its index-only scans still visit every row.
          settle: async () => {
            const client = new pg.Client({ connectionString: target.toString() });
            await client.connect();
            await client.query("VACUUM (ANALYZE)");
            await client.end();
          },
          cleanup: async () => {
            await store.close();
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await client.end();
          },
        };
      },
    });
  }
  return list;
}

/** 5% of the opportunities change: half get their problems fixed, half lose their source. */
function changed(base: Snapshot, scan: number): Snapshot {
  const step = 20;
  return {
    ...base,
    opportunities: base.opportunities.map((opp, index) => {
      if ((index + scan) % step !== 0) return opp;
      return index % 2 === 0
        ? {
            ...opp,
            howHeard: "Referral",
            nextStep: "Pricing review with their CFO",
            nextStepDate: "2026-03-20",
          }
        : { ...opp, howHeard: null };
    }),
  };
}

async function historyWrite(
  backend: Backend,
  base: Snapshot,
  holdout: HoldoutSettings,
): Promise<[string, string][]> {
  const { store, cleanup } = await backend.open();
  const label = `${backend.name}${holdout.percent > 0 ? `, holdout ${holdout.percent}%` : ""}`;
  try {
    const history = new HistoryService({
      store,
      logger: createLogger("silent"),
      defaultTimezone: "UTC",
      workingDays: WORKING_DAYS,
      holdout,
    });
    const evaluate = (data: Snapshot) =>
      evaluatePipeline(data, { now: NOW, settings: DEFAULT_RULE_SETTINGS, defaultTimezone: "UTC" });
    let started = performance.now();
    const first = await history.record({ snapshot: base, evaluation: evaluate(base), readAt: NOW }, NOW);
    const firstMs = performance.now() - started;
    const times: number[] = [];
    let writes = 0;
    let previous = base;
    for (let scan = 1; scan <= SCANS; scan++) {
      const data = changed(base, scan);
      const evaluation = evaluate(data);
      // Scans a few minutes apart, as scheduled ones are: each opens its episodes at its own time.
      const at = new Date(NOW.getTime() + scan * 5 * 60_000);
      started = performance.now();
      const changes = await history.record({ snapshot: data, evaluation, readAt: at }, at);
      times.push(performance.now() - started);
      writes = changes.opened.length + changes.resolved.length;
      previous = data;
    }
    void previous;
    return [
      [
        `${label}: first scan (every finding opened)`,
        `${first.opened.length} episodes, ${firstMs.toFixed(0)} ms`,
      ],
      [
        `${label}: scan with 5% changed, median of ${SCANS}`,
        `${median(times).toFixed(0)} ms for ${writes} episode changes (target < 300 ms)`,
      ],
    ];
  } finally {
    await cleanup();
  }
}

/** 90 days of history: each rep keeps ~300 findings open, and 15 a day resolve and 15 open. */
async function seedHistory(store: Store): Promise<number> {
  const reps = Array.from({ length: SIZE.reps }, (_, i) => `rep${i}@example.com`);
  const start = addDays(TODAY, -HISTORY_DAYS);
  let rows = 0;
  let serial = 0;
  const episode = (owner: string, openedOn: string, resolvedOn: string | null): OpenedEpisode => {
    serial += 1;
    const nudgedOn = serial % 5 === 0 ? null : openedOn;
    const opened: Episode = {
      rule: RULE_IDS[serial % RULE_IDS.length] as Episode["rule"],
      recordId: `006${serial}`,
      recordType: "opportunity",
      owner,
      openedAt: `${openedOn}T15:00:00.000Z`,
      openedOn,
      nudgedOn,
      snoozedOn: serial % 11 === 0 ? openedOn : null,
      resolvedOn,
      resolution: resolvedOn === null ? null : serial % 7 === 0 ? "gone" : "fixed",
    };
    // As a scan with the holdout on writes it: the arm and the window's end kept when it opens.
    return { ...opened, ...holdoutStart(opened, HOLDOUT, WORKING_DAYS) };
  };
  const batch: OpenedEpisode[] = [];
  const flush = async () => {
    // Resolved episodes are written as opened then resolved, as scans would.
    const resolved = batch
      .filter((e) => e.resolvedOn !== null)
      .map((e) => ({
        rule: e.rule,
        recordId: e.recordId,
        resolvedOn: e.resolvedOn as string,
        resolution: e.resolution as "fixed" | "gone",
        daysToFix: daysToFix(e, WORKING_DAYS),
        seenDaysToFix:
          e.resolution === "fixed" ? WORKING_DAYS(e.owner, e.openedOn, e.resolvedOn as string) : null,
      }));
    await store.history.applyEpisodeChanges({
      opened: batch.map((e) => ({ ...e, resolvedOn: null, resolution: null })),
      nudged: [],
      resolved: [],
    });
    await store.history.applyEpisodeChanges({ opened: [], nudged: [], resolved });
    rows += batch.length;
    batch.length = 0;
  };
  for (const owner of reps) {
    for (let i = 0; i < OPEN_PER_REP; i++) batch.push(episode(owner, addDays(start, i % HISTORY_DAYS), null));
    for (let day = 0; day < HISTORY_DAYS; day++) {
      const openedOn = addDays(start, day);
      for (let i = 0; i < CHURN_PER_REP_PER_DAY; i++)
        batch.push(episode(owner, openedOn, addDays(openedOn, 1 + ((serial + i) % 9))));
    }
    if (batch.length > 20_000) await flush();
  }
  await flush();
  const scores = [];
  for (const rep of reps)
    for (let week = 0; week < 13; week++)
      for (const skill of [
        "next-steps",
        "call-notes",
        "custom-deck",
        "command-plan",
        "key-information",
        "up-to-date",
        "account-ranking",
      ])
        scores.push({
          rep,
          week: `2026-W${String(week).padStart(2, "0")}`,
          skill,
          applicable: 40,
          clean: 30 + (week % 10),
        });
  await store.history.saveWeeklyScores(scores);
  return rows;
}

async function reportTimes(backend: Backend): Promise<[string, string][]> {
  const { store, cleanup, settle } = await backend.open();
  try {
    const seeded = performance.now();
    const rows = await seedHistory(store);
    const seedMs = performance.now() - seeded;
    const workingDays = WORKING_DAYS;
    const time = async (since: string) => {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        await effectivenessReport(store, {
          period: periodUntilNow(since, NOW),
          workingDays,
          holdout: HOLDOUT,
        });
        times.push(performance.now() - started);
      }
      return median(times);
    };
    const settled: [string, string][] = [];
    if (settle) {
      const rawLast28 = await time(defaultSince(TODAY));
      const rawAll90 = await time(addDays(TODAY, -HISTORY_DAYS));
      settled.push([
        `${backend.name}: report right after the bulk fill, 28 / 90 days`,
        `${rawLast28.toFixed(0)} / ${rawAll90.toFixed(0)} ms (before autovacuum has run)`,
      ]);
      await settle();
    }
    const last28 = await time(defaultSince(TODAY));
    const all90 = await time(addDays(TODAY, -HISTORY_DAYS));
    return [
      [
        `${backend.name}: history`,
        `${rows} episodes (${SIZE.reps} reps, ${HISTORY_DAYS} days), written in ${(seedMs / 1000).toFixed(1)} s`,
      ],
      ...settled,
      [`${backend.name}: report, last 28 days, median of 3`, `${last28.toFixed(0)} ms (target < 1000 ms)`],
      [
        `${backend.name}: report, --since 90 days ago, median of 3`,
        `${all90.toFixed(0)} ms (target < 1000 ms)`,
      ],
    ];
  } finally {
    await cleanup();
  }
}

export async function historyBench(): Promise<void> {
  const base = generatePipeline(SIZE);
  const rows: [string, string][] = [
    ["data", `${SIZE.opportunities} opportunities, ${SIZE.accounts} accounts, ${SIZE.reps} reps`],
  ];
  for (const backend of backends())
    for (const holdout of [{ percent: 0, workingDays: 3 }, HOLDOUT])
      rows.push(...(await historyWrite(backend, base, holdout)));
  for (const backend of backends()) rows.push(...(await reportTimes(backend)));
  report("history", rows);
}
