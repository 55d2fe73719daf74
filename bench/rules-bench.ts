// Benchmark: rule evaluation plus scorecards on 100,000 opportunities, 20,000 accounts and 500 reps.
// Prints wall times and the process's peak RSS. The CSV load of the same data is measured by
// csv-bench.ts, in a process of its own, so neither figure carries the other's memory.
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { evaluatePipeline } from "../src/domain/evaluate.ts";
import { scorecard } from "../src/domain/scorecard.ts";
import { DEFAULT_RULE_SETTINGS } from "../src/domain/settings.ts";
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

  const evaluateMs = median(evaluateTimes);
  report("rules", [
    ["data", `${SIZE.opportunities} opportunities, ${SIZE.accounts} accounts, ${SIZE.reps} reps`],
    ["findings", findings],
    ["evaluate + scorecards, median of 5", `${evaluateMs.toFixed(0)} ms (target < 1000 ms)`],
    ["evaluate + scorecards, fastest", `${Math.min(...evaluateTimes).toFixed(0)} ms`],
    ["RSS before evaluation (data in memory)", mib(rssBefore)],
    ["peak RSS through evaluation", `${mib(evaluatePeak)} (target < 300 MiB)`],
  ]);
}
