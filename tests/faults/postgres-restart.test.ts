// PostgreSQL restarted under the bot: a private server (not the suite's shared one), stopped and
// started again mid-run. Needs the PostgreSQL binaries, as .ci/run provides.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/index.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";

const SCRIPT = fileURLToPath(new URL("../../scripts/ci/postgres.sh", import.meta.url));
const hasPostgres = existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").length > 0;
// Chosen by the script in beforeAll: the first free port, so a busy host does not fail the test.
let port = "";
let dataDir = "";

function pg(command: string): string {
  return execFileSync("bash", ["-c", `source ${SCRIPT}; ${command}`], {
    encoding: "utf8",
    // Empty until then, so the script picks a free port: never the suite's own server's, even
    // when PG_PORT names it.
    env: { ...process.env, PG_PORT: port },
  });
}
function ctl(action: "stop" | "start") {
  const bin = pg("ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1").trim();
  const run = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  const options =
    action === "start"
      ? [
          "-o",
          `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          "-l",
          `${dataDir}/server.log`,
        ]
      : ["-m", "fast"];
  execFileSync(
    run[0] ?? `${bin}/pg_ctl`,
    [
      ...run.slice(1),
      ...(run.length ? [`${bin}/pg_ctl`] : []),
      "-D",
      `${dataDir}/data`,
      "-w",
      ...options,
      action,
    ],
    { stdio: "ignore" },
  );
}

describe.skipIf(!hasPostgres)("PostgreSQL restarted under the bot", () => {
  let harness: Harness;
  beforeAll(() => {
    [dataDir = "", port = ""] = pg("start_postgres >/dev/null; echo $PG_DIR $PG_PORT").trim().split(" ");
  });
  afterAll(async () => {
    await harness?.stop().catch(() => {});
    if (dataDir)
      pg(`PG_DIR=${dataDir}; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); stop_postgres`);
  });

  it("fails the run while it is down, reconnects when it is back, and loses nothing", async () => {
    harness = await startHarness({
      now: "2026-03-09T14:00:00Z",
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    });
    const jobs = startJobs(harness.bot.jobDeps, "only");
    try {
      await harness.bot.store.ping();
      ctl("stop");
      await expect(harness.bot.store.ping()).rejects.toThrow();
      // The scheduled run fails (logged), the process goes on.
      await jobs.digests.runNow();
      expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
      ctl("start");
      harness.clock.now = new Date("2026-03-09T14:01:00Z");
      await jobs.digests.runNow();
      await runNudgeCycle(harness.bot.cycle, "due");
      const digests = harness.slack.delivered.filter((message) =>
        JSON.stringify(message.metadata).includes(`"key":"digest:`),
      );
      expect(digests.map((message) => message.channel)).toEqual(["DAVA"]);
    } finally {
      await jobs.stop();
    }
  });
});
