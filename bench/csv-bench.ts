// Benchmark: loading 100,000 opportunities (20,000 accounts, 500 reps) from a CSV folder. Each
// load runs in a fresh process so its peak RSS is its own; prints the median time and the worst
// peak. CPU time is printed beside wall time because a shared machine stretches the latter.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "../scripts/sample-data/write-csv.ts";
import { COMMAND_PLAN_FIELDS, type Snapshot } from "../src/domain/model.ts";
import { SALESFORCE_REPORT_HEADERS } from "../src/sources/csv/report-columns.ts";
import { loadInChild } from "./csv-child.ts";
import { shapeRows } from "./csv-shapes-bench.ts";
import { median, mib, report } from "./report.ts";

const SIZE = { reps: 500, accounts: 20_000, opportunities: 100_000, seed: 7, today: "2026-03-10" };
const RUNS = 3;

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

/**
 * The same pipeline as a Salesforce report export: report labels, owners by name, `$12,500.00`
 * amounts, US dates, `1`/`0` booleans, a byte-order mark and CRLF line ends.
 */
function writeReportExport(snapshot: Snapshot, native: string, folder: string): void {
  copyFileSync(join(native, "reps.csv"), join(folder, "reps.csv"));
  copyFileSync(join(native, "accounts.csv"), join(folder, "accounts.csv"));
  const names = new Map(snapshot.reps.map((rep) => [rep.email, rep.name]));
  const usDate = (iso: string | null) =>
    iso === null ? "" : `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}/${iso.slice(0, 4)}`;
  const dollars = (amount: number | null) => (amount === null ? "" : `$${amount.toLocaleString("en-US")}.00`);
  const H = SALESFORCE_REPORT_HEADERS;
  const header = [
    H.ownerName[0],
    H.accountId[0],
    H.name[0],
    H.stage[0],
    H.isClosed[0],
    H.isWon[0],
    H.amount[0],
    H.iacv[0],
    H.closeDate[0],
    H.nextStep[0],
    H.nextStepDate[0],
    H.deckUrl[0],
    H.lastActivityDate[0],
    H.howHeard[0],
    H.closedReason[0],
    ...COMMAND_PLAN_FIELDS.map((field) => H[field][0]),
    H.id[0],
  ];
  const rows = snapshot.opportunities.map((opp) => [
    names.get(opp.ownerEmail) ?? "",
    opp.accountId,
    opp.name,
    opp.stage,
    opp.isClosed ? "1" : "0",
    opp.isWon ? "1" : "0",
    dollars(opp.amount),
    dollars(opp.iacv),
    usDate(opp.closeDate),
    opp.nextStep ?? "",
    usDate(opp.nextStepDate),
    opp.deckUrl ?? "",
    usDate(opp.lastActivityDate),
    opp.howHeard ?? "",
    opp.closedReason ?? "",
    ...COMMAND_PLAN_FIELDS.map((field) => opp.commandPlan[field] ?? ""),
    opp.id,
  ]);
  const text = stringify([header, ...rows], { record_delimiter: "windows" });
  writeFileSync(join(folder, "opportunities.csv"), `\ufeff${text}`);
}

export async function csvBench(): Promise<void> {
  const snapshot = generatePipeline(SIZE);
  const native = mkdtempSync(join(tmpdir(), "nudgebot-csv-bench-"));
  const exported = mkdtempSync(join(tmpdir(), "nudgebot-csv-bench-report-"));
  const shaped = mkdtempSync(join(tmpdir(), "nudgebot-csv-bench-shapes-"));
  writeSnapshotCsv(snapshot, native);
  writeReportExport(snapshot, native, exported);
  try {
    const idle = loadInChild("-");
    const nativeLoad = measure(native);
    const reportLoad = measure(exported);
    const shapes = shapeRows(native, shaped);
    report("csv", [
      ["data", `${SIZE.opportunities} opportunities, ${SIZE.accounts} accounts, ${SIZE.reps} reps`],
      ["native format: load, median of 3 processes", `${nativeLoad.ms.toFixed(0)} ms (target < 1500 ms)`],
      ["native format: CPU time of the load (all threads)", `${nativeLoad.cpuMs.toFixed(0)} ms`],
      ["native format: peak RSS of the loading process", `${mib(nativeLoad.peak)} (target < 400 MiB)`],
      ["report export: load, median of 3 processes", `${reportLoad.ms.toFixed(0)} ms`],
      ["report export: CPU time of the load (all threads)", `${reportLoad.cpuMs.toFixed(0)} ms`],
      ["report export: peak RSS of the loading process", mib(reportLoad.peak)],
      ["peak RSS of the same process loading nothing", mib(idle.maxRss)],
      ...shapes,
    ]);
  } finally {
    rmSync(native, { recursive: true, force: true });
    rmSync(exported, { recursive: true, force: true });
    rmSync(shaped, { recursive: true, force: true });
  }
}
