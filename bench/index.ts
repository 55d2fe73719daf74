// `npm run bench`: every benchmark, each in its own process so peak memory is its own.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BENCHES = [
  "startup",
  "rules",
  "csv",
  "slack",
  "salesforce",
  "hubspot",
  "replicas",
  "store-ops",
  "history",
  "digest",
  "support",
] as const;
const [only] = process.argv.slice(2);

if (only) {
  const benches: Record<string, () => Promise<void>> = {
    startup: async () => (await import("./startup-bench.ts")).startupBench(),
    rules: async () => (await import("./rules-bench.ts")).rulesBench(),
    csv: async () => (await import("./csv-bench.ts")).csvBench(),
    slack: async () => (await import("./slack-bench.ts")).slackBench(),
    salesforce: async () => (await import("./salesforce-bench.ts")).salesforceBench(),
    hubspot: async () => (await import("./hubspot-bench.ts")).hubspotBench(),
    replicas: async () => (await import("./replicas-bench.ts")).replicasBench(),
    "store-ops": async () => (await import("./store-ops-bench.ts")).storeOpsBench(),
    history: async () => (await import("./history-bench.ts")).historyBench(),
    digest: async () => (await import("./digest-bench.ts")).digestBench(),
    support: async () => (await import("./support-bench.ts")).supportBench(),
  };
  const run = benches[only];
  if (!run) throw new Error(`No benchmark named ${only}; there are: ${BENCHES.join(", ")}`);
  await run();
} else {
  process.stdout.write(`nudgebot benchmarks on ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const name of BENCHES) {
    const result = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), name],
      { stdio: "inherit" },
    );
    if (result.status !== 0) process.exitCode = 1;
  }
}
