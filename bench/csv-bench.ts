// Benchmark: loading 100,000 opportunities (20,000 accounts, 500 reps) from a CSV folder. Each
// load runs in a fresh process so its peak RSS is its own; prints the median time and the worst
// peak. CPU time is printed beside wall time because a shared machine stretches the latter.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "../scripts/sample-data/write-csv.ts";
import { median, mib, report } from "./report.ts";

const SIZE = { reps: 500, accounts: 20_000, opportunities: 100_000, seed: 7, today: "2026-03-10" };
const RUNS = 3;
const CHILD = fileURLToPath(new URL("./csv-load-child.ts", import.meta.url));

interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRss: number;
  opportunities: number;
  issues: number;
}

function loadInChild(folder: string): ChildResult {
  const result = spawnSync(process.execPath, ["--import", "tsx", CHILD, folder], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`CSV load failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildResult;
}

function measure(folder: string): { ms: number; cpuMs: number; peak: number } {
  const runs = Array.from({ length: RUNS }, () => loadInChild(folder));
  for (const run of runs)
    if (run.opportunities !== SIZE.opportunities || run.issues !== 0)
      throw new Error(`CSV load gave ${run.opportunities} opportunities and ${run.issues} issues`);
  return {
    ms: median(runs.map((run) => run.ms)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    peak: Math.max(...runs.map((run) => run.maxRss)),
  };
}

export async function csvBench(): Promise<void> {
  const snapshot = generatePipeline(SIZE);
  const native = mkdtempSync(join(tmpdir(), "nudgebot-csv-bench-"));
  writeSnapshotCsv(snapshot, native);
  try {
    const idle = loadInChild("-");
    const nativeLoad = measure(native);
    report("csv", [
      ["data", `${SIZE.opportunities} opportunities, ${SIZE.accounts} accounts, ${SIZE.reps} reps`],
      ["native format: load, median of 3 processes", `${nativeLoad.ms.toFixed(0)} ms (target < 1500 ms)`],
      ["native format: CPU time of the load (all threads)", `${nativeLoad.cpuMs.toFixed(0)} ms`],
      ["native format: peak RSS of the loading process", `${mib(nativeLoad.peak)} (target < 400 MiB)`],
      ["peak RSS of the same process loading nothing", mib(idle.maxRss)],
    ]);
  } finally {
    rmSync(native, { recursive: true, force: true });
  }
}
