// Benchmark: rule evaluation plus scorecards on 100,000 opportunities, 20,000 accounts and 500 reps,
// and the CSV load of the same data. Prints wall times, the ratio, and the process's peak RSS.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "../scripts/sample-data/write-csv.ts";
import { evaluatePipeline } from "../src/domain/evaluate.ts";
import { scorecard } from "../src/domain/scorecard.ts";
import { DEFAULT_RULE_SETTINGS } from "../src/domain/settings.ts";
import { CsvSource } from "../src/sources/csv/csv-source.ts";
import { median, mib, report } from "./report.ts";

const SIZE = { reps: 500, accounts: 20_000, opportunities: 100_000, seed: 7, today: "2026-03-10" };
const NOW = new Date("2026-03-10T15:00:00Z");
const RUNS = 5;

export async function rulesBench(): Promise<void> {
  const snapshot = generatePipeline(SIZE);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;

  const evaluateTimes: number[] = [];
  let findings = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const evaluation = evaluatePipeline(snapshot, {
      now: NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    for (const owner of evaluation.owners.values()) scorecard(owner.coverage);
    evaluateTimes.push(performance.now() - started);
    findings = evaluation.findingCount;
  }
  const evaluatePeak = process.resourceUsage().maxRSS * 1024;

  const folder = mkdtempSync(join(tmpdir(), "nudgebot-bench-"));
  writeSnapshotCsv(snapshot, folder);
  const loadTimes: number[] = [];
  let liveHeap = 0;
  for (let run = 0; run < 3; run++) {
    globalThis.gc?.();
    const started = performance.now();
    const { snapshot: loaded } = await new CsvSource(folder).load();
    loadTimes.push(performance.now() - started);
    if (loaded.opportunities.length !== SIZE.opportunities) throw new Error("CSV load lost rows");
    globalThis.gc?.();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  }
  rmSync(folder, { recursive: true, force: true });

  const evaluateMs = median(evaluateTimes);
  const loadMs = median(loadTimes);
  report("rules", [
    ["data", `${SIZE.opportunities} opportunities, ${SIZE.accounts} accounts, ${SIZE.reps} reps`],
    ["findings", findings],
    ["evaluate + scorecards, median of 5", `${evaluateMs.toFixed(0)} ms (target < 1000 ms)`],
    ["evaluate + scorecards, fastest", `${Math.min(...evaluateTimes).toFixed(0)} ms`],
    ["RSS before evaluation (data in memory)", mib(rssBefore)],
    ["peak RSS through evaluation", `${mib(evaluatePeak)} (target < 300 MiB)`],
    ["CSV load of the same data, median of 3", `${loadMs.toFixed(0)} ms`],
    ["evaluation / load", (evaluateMs / loadMs).toFixed(3)],
    ["live heap with generated and loaded data", mib(liveHeap)],
    ["peak RSS with CSV load (V8 collects lazily)", mib(process.resourceUsage().maxRSS * 1024)],
  ]);
}
