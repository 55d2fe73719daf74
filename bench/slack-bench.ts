// Benchmark: Slack API calls per delivered digest for 500 reps, and /nudge me ack latency with 50
// concurrent commands on the 2,500-opportunity sample, both against a stand-in Web API on loopback.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "../scripts/sample-data/write-csv.ts";
import { createApp, createBot } from "../src/app.ts";
import { runNudgeCycle } from "../src/services/nudge-cycle.ts";
import { SAMPLE_NOW, sampleSource } from "../src/sources/sample/sample-source.ts";

import { FakeSlack } from "../tests/helpers/fake-slack.ts";
import { sendCommand, startServe } from "../tests/helpers/serve-process.ts";
import { median, report } from "./report.ts";

const SECRET = "bench-signing-secret";

function tempFile(name: string, text = ""): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-bench-")), name);
  writeFileSync(path, text);
  return path;
}

function env(apiUrl: string, dataSource: string) {
  return {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    PORT: "0",
    DATA_SOURCE: dataSource,
    DATABASE_URL: `sqlite:${tempFile("bench.db")}`,
    NUDGEBOT_CONFIG: tempFile("nudgebot.yml"),
    LOG_LEVEL: "silent",
  };
}

async function callsPerDigest(): Promise<void> {
  const snapshot = generatePipeline({
    reps: 504,
    accounts: 6_000,
    opportunities: 30_000,
    seed: 11,
    today: "2026-03-10",
  });
  const folder = mkdtempSync(join(tmpdir(), "nudgebot-bench-csv-"));
  writeSnapshotCsv(snapshot, folder);
  const slack = new FakeSlack();
  for (const [index, rep] of snapshot.reps.entries())
    slack.addUser(rep.email, `U${String(index).padStart(6, "0")}`);
  // Away checks are on: 1 rep in 25 is on holiday by their Slack status, and gets no digest.
  for (let index = 0; index < snapshot.reps.length; index += 25)
    slack.setStatus(`U${String(index).padStart(6, "0")}`, ":palm_tree:", "On vacation");
  const { url, server } = await slack.listen();
  const base = createApp(env(url, `csv:${folder}`));
  const app = { ...base, clock: () => SAMPLE_NOW };
  const bot = await createBot(app);
  const started = performance.now();
  const summary = await runNudgeCycle(bot.cycle, "now");
  const ms = performance.now() - started;
  await bot.store.close();
  server.close();
  const calls = slack.calls.length;
  const byMethod = new Map<string, number>();
  for (const call of slack.calls) byMethod.set(call.method, (byMethod.get(call.method) ?? 0) + 1);
  report("digest delivery, 500 reps (stand-in Web API on loopback)", [
    [
      "reps with findings, digests delivered",
      `${summary.queued} queued, ${summary.delivered} delivered, ${summary.away ?? 0} away (held)`,
    ],
    [
      "Slack API calls",
      `${calls} (${[...byMethod].map(([method, count]) => `${method} ${count}`).join(", ")})`,
    ],
    ["calls per delivered digest", `${(calls / summary.delivered).toFixed(3)} (target ≤ 1.05)`],
    ["cycle wall time", `${ms.toFixed(0)} ms`],
  ]);
}

async function ackLatency(): Promise<void> {
  const { snapshot } = await sampleSource().load();
  const slack = new FakeSlack();
  const users = snapshot.reps.map((rep, index) => {
    const id = `U${String(index).padStart(6, "0")}`;
    slack.addUser(rep.email, id);
    return id;
  });
  const { url, server } = await slack.listen();
  // BENCH_NODE_ARGS passes flags to the bot process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ") ?? [];
  const bot = await startServe({ ...env(url, "sample"), NUDGEBOT_NOW: SAMPLE_NOW.toISOString() }, nodeArgs);
  const send = async (userId: string, n: number): Promise<number> => {
    const ack = await sendCommand(bot.port, SECRET, {
      text: "me",
      user_id: userId,
      response_url: `${url.replace("/api/", "/respond/")}${n}`,
      trigger_id: `t${n}`,
    });
    if (ack.status !== 200) throw new Error(`ack failed: ${ack.status}`);
    return ack.ms;
  };
  const waitForReplies = async (count: number) => {
    while (slack.callsOf("respond").length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  const cold = await send(users[4] as string, 0);
  await waitForReplies(1);
  let sent = 1;
  const round = async (): Promise<{ acks: number[]; ms: number }> => {
    const started = performance.now();
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        send(users[4 + (index % (users.length - 4))] as string, sent + index),
      ),
    );
    sent += 50;
    await waitForReplies(sent);
    return { acks, ms: performance.now() - started };
  };
  // The first burst also looks every rep up in Slack once (users.info); it is reported on its own.
  const first = await round();
  const rounds = 10;
  const latencies: number[] = [];
  const roundTimes: number[] = [];
  for (let index = 0; index < rounds; index++) {
    const { acks, ms } = await round();
    latencies.push(...acks);
    roundTimes.push(ms);
  }
  await bot.stop();
  server.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  report("/nudge me with 50 concurrent commands, 2,500-opportunity sample (`nudgebot serve` process)", [
    ["commands", `${latencies.length} (${rounds} rounds of 50, after a first burst)`],
    ["ack latency p50", `${at(0.5).toFixed(1)} ms`],
    ["ack latency p99", `${at(0.99).toFixed(1)} ms (target < 200 ms)`],
    ["ack latency max", `${at(1).toFixed(1)} ms`],
    ["first command after start (cold), ack", `${cold.toFixed(1)} ms`],
    ["first burst of 50 (directory lookups), ack p99", `${Math.max(...first.acks).toFixed(1)} ms (max)`],
    ["50 commands answered in full (median round)", `${median(roundTimes).toFixed(0)} ms`],
  ]);
}

export async function slackBench(): Promise<void> {
  await callsPerDigest();
  await ackLatency();
}
