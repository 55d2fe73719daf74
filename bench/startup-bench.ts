// Benchmark: start-up of `nudgebot --help` (the compiled CLI, as users run it) against a bare
// `node -e 0`: median wall time and peak RSS over several runs, and each as a ratio (target ≤ 4×).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, report } from "./report.ts";

const RUNS = 9;
const TARGET_RATIO = 4;
/** Prints the process's peak RSS on stderr as it exits, so both commands are measured the same way. */
const PEAK_RSS = fileURLToPath(new URL("./peak-rss.mjs", import.meta.url));
/** NUDGEBOT_BIN measures another entry point (an older checkout, say) the same way. */
const BIN = process.env.NUDGEBOT_BIN ?? fileURLToPath(new URL("../bin/nudgebot.js", import.meta.url));

interface Sample {
  ms: number;
  cpuMs: number;
  rssKib: number;
}

function measure(args: string[]): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", PEAK_RSS, ...args], { encoding: "utf8" });
  const ms = performance.now() - started;
  const peak = /peak-rss-kib=(\d+) cpu-ms=([\d.]+)/.exec(result.stderr);
  if (result.status !== 0 || !peak) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return { ms, rssKib: Number(peak[1]), cpuMs: Number(peak[2]) };
}

export function startupBench(): void {
  const bare: Sample[] = [];
  const help: Sample[] = [];
  measure([BIN, "--help"]); // warm the file cache, as any second start would find it
  // Alternating, so a busier moment on the machine weighs on both alike.
  for (let run = 0; run < RUNS; run++) {
    bare.push(measure(["-e", "0"]));
    help.push(measure([BIN, "--help"]));
  }
  const bareMs = median(bare.map((sample) => sample.ms));
  const helpMs = median(help.map((sample) => sample.ms));
  const bareCpu = median(bare.map((sample) => sample.cpuMs));
  const helpCpu = median(help.map((sample) => sample.cpuMs));
  const bareMib = median(bare.map((sample) => sample.rssKib)) / 1024;
  const helpMib = median(help.map((sample) => sample.rssKib)) / 1024;
  const verdict = (ratio: number) =>
    `${ratio.toFixed(1)}× (target ≤ ${TARGET_RATIO}×${ratio <= TARGET_RATIO ? ", met" : ", MISSED"})`;
  report(`start-up: nudgebot --help vs node -e 0 (median of ${RUNS} runs)`, [
    ["node -e 0 wall", `${bareMs.toFixed(0)} ms`],
    ["nudgebot --help wall", `${helpMs.toFixed(0)} ms`],
    ["wall ratio", verdict(helpMs / bareMs)],
    // CPU time is what a busy machine does not inflate: a check on the wall figures.
    ["node -e 0 CPU", `${bareCpu.toFixed(0)} ms`],
    ["nudgebot --help CPU", `${helpCpu.toFixed(0)} ms`],
    ["CPU ratio", `${(helpCpu / bareCpu).toFixed(1)}×`],
    ["node -e 0 peak RSS", `${bareMib.toFixed(0)} MiB`],
    ["nudgebot --help peak RSS", `${helpMib.toFixed(0)} MiB`],
    ["peak RSS ratio", verdict(helpMib / bareMib)],
  ]);
}
