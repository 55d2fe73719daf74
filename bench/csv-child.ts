// Runs one CSV load in a fresh process (csv-load-child.ts) so its peak RSS is the load's own.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./csv-load-child.ts", import.meta.url));

export interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRss: number;
  /** Longest time the event loop was held up during the load. */
  stallMs: number;
  opportunities: number;
  issues: number;
}

export function loadInChild(folder: string): ChildResult {
  const result = spawnSync(process.execPath, ["--import", "tsx", CHILD, folder], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`CSV load failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildResult;
}
