// Benchmark: two `nudgebot serve` replicas on one PostgreSQL, 500 reps. Both get /nudge run at the
// same moment while 50 /nudge me commands arrive: ack latency, digests per rep (must be exactly 1).
// Then a soak (SOAK_SECONDS, default 600) of steady commands and cycles: RSS at start and end.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "../scripts/sample-data/write-csv.ts";
import { FakeSlack } from "../tests/helpers/fake-slack.ts";
import { sendCommand, startServe } from "../tests/helpers/serve-process.ts";
import { mib, report } from "./report.ts";

const PG_SCRIPT = fileURLToPath(new URL("../scripts/ci/postgres.sh", import.meta.url));
const SECRET = "replicas-bench";
const PG_PORT = "55493";

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) * 1024;
}

export async function replicasBench(): Promise<void> {
  const pgDir = execFileSync("bash", ["-c", `source ${PG_SCRIPT}; start_postgres >/dev/null; echo $PG_DIR`], {
    encoding: "utf8",
    env: { ...process.env, PG_PORT },
  }).trim();
  try {
    await run();
  } finally {
    execFileSync("bash", [
      "-c",
      `source ${PG_SCRIPT}; PG_DIR=${pgDir}; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); stop_postgres`,
    ]);
  }
}

async function run(): Promise<void> {
  const snapshot = generatePipeline({
    reps: 504,
    accounts: 6_000,
    opportunities: 30_000,
    seed: 11,
    today: "2026-03-10",
  });
  const folder = mkdtempSync(join(tmpdir(), "nudgebot-replicas-"));
  writeSnapshotCsv(snapshot, folder);
  const slack = new FakeSlack();
  const users = snapshot.reps.map((rep, index) => {
    const id = `U${String(index).padStart(6, "0")}`;
    slack.addUser(rep.email, id);
    return id;
  });
  // Slack answers in about 10 ms here; the real one is slower, which only makes acks matter more.
  const { url, server } = await slack.listen({ delayMs: 10 });
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-replicas-yml-")), "nudgebot.yml");
  writeFileSync(configFile, `admins: [${snapshot.reps[0]?.email}]\n`);
  const env = {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: url,
    PORT: "0",
    DATA_SOURCE: `csv:${folder}`,
    DATABASE_URL: `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`,
    NUDGEBOT_CONFIG: configFile,
    NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
    LOG_LEVEL: "warn",
  };
  const replicas = [await startServe(env), await startServe(env)];
  let sequence = 0;
  const command = async (port: number, user: string, text: string): Promise<number> => {
    sequence += 1;
    const ack = await sendCommand(port, SECRET, {
      text,
      user_id: user,
      response_url: `${url.replace("/api/", "/respond/")}${sequence}`,
    });
    if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
    return ack.ms;
  };
  const ports = replicas.map((replica) => replica.port);
  const rssStart = replicas.map((replica) => rssOf(replica.pid));

  // Both replicas run the cycle at once, with 50 commands arriving during it.
  const started = performance.now();
  const runs = ports.map((port) => command(port, users[0] as string, "run"));
  const acks = await Promise.all([
    ...runs,
    ...Array.from({ length: 50 }, (_, index) =>
      command(ports[index % 2] as number, users[4 + index] as string, "me"),
    ),
  ]);
  const withFindings = 499;
  while (
    slack.delivered.filter((message) => JSON.stringify(message.metadata).includes('"key":"digest:')).length <
    withFindings
  ) {
    if (performance.now() - started > 300_000) throw new Error("digests did not all arrive in 5 minutes");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cycleMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // anything sent twice would show up now
  const perRep = new Map<string, number>();
  for (const message of slack.delivered) {
    if (!JSON.stringify(message.metadata).includes('"key":"digest:')) continue;
    perRep.set(message.channel, (perRep.get(message.channel) ?? 0) + 1);
  }
  const counts = [...perRep.values()];
  const sorted = [...acks].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

  // Soak: steady commands and cycles for SOAK_SECONDS, memory read before and after.
  const rssSoakStart = replicas.map((replica) => rssOf(replica.pid));
  const soakSeconds = Number(process.env.SOAK_SECONDS ?? 600);
  const soakAcks: number[] = [];
  const soakEnd = Date.now() + soakSeconds * 1000;
  let tick = 0;
  while (Date.now() < soakEnd) {
    tick += 1;
    const batch = Array.from({ length: 10 }, (_, index) =>
      command(ports[index % 2] as number, users[4 + ((tick * 10 + index) % 500)] as string, "me"),
    );
    if (tick % 15 === 0) batch.push(command(ports[tick % 2] as number, users[0] as string, "run"));
    soakAcks.push(...(await Promise.all(batch)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  const rssEnd = replicas.map((replica) => rssOf(replica.pid));
  const soakSorted = [...soakAcks].sort((a, b) => a - b);
  for (const replica of replicas) await replica.stop();
  server.close();
  report("two replicas on one PostgreSQL, 500 reps, /nudge run on both at once + 50 concurrent /nudge me", [
    [
      "ack latency p50 / p99 / max",
      `${p(0.5).toFixed(0)} / ${p(0.99).toFixed(0)} / ${p(1).toFixed(0)} ms (target: none over 3,000 ms)`,
    ],
    [
      "digests delivered",
      `${counts.length} reps, ${Math.min(...counts)}–${Math.max(...counts)} each (target: exactly 1)`,
    ],
    ["cycle until the last digest arrived", `${(cycleMs / 1000).toFixed(1)} s`],
    [
      `soak: ${soakSeconds} s, ${soakAcks.length} commands`,
      `ack p99 ${(soakSorted[Math.ceil(0.99 * soakSorted.length) - 1] ?? 0).toFixed(0)} ms`,
    ],
    [
      "RSS replica A: idle → soak start → soak end",
      `${mib(rssStart[0] ?? 0)} → ${mib(rssSoakStart[0] ?? 0)} → ${mib(rssEnd[0] ?? 0)}`,
    ],
    [
      "RSS replica B: idle → soak start → soak end",
      `${mib(rssStart[1] ?? 0)} → ${mib(rssSoakStart[1] ?? 0)} → ${mib(rssEnd[1] ?? 0)}`,
    ],
  ]);
}
