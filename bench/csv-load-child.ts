// One CSV load in a fresh process, so its peak RSS is the load's own: prints one JSON line.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { CsvSource } from "../src/sources/csv/csv-source.ts";

const [folder] = process.argv.slice(2);
if (!folder) throw new Error("usage: csv-load-child.ts <folder> (or - to load nothing)");
let opportunities = 0;
let issues = 0;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const cpuBefore = process.cpuUsage();
const started = performance.now();
if (folder !== "-") {
  const loaded = await new CsvSource(folder).load();
  opportunities = loaded.snapshot.opportunities.length;
  issues = loaded.issues.length;
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
delay.disable();
const cpuMs = (cpu.user + cpu.system) / 1000;
const stallMs = delay.max / 1e6;
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRss, stallMs, opportunities, issues })}\n`);
