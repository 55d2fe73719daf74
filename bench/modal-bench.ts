// Benchmark: how long from `/giveback` to the modal opening (views.open reaching Slack) on the
// 2,500-opportunity sample, for reps and for someone outside the team. Slack lets a trigger id open
// a modal for 3 seconds, and the team check runs inside that window.
// Run: node --import tsx bench/modal-bench.ts
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sampleSource } from "../src/sources/sample/sample-source.ts";
import { FakeSlack } from "../tests/helpers/fake-slack.ts";
import { sendCommand, startServe } from "../tests/helpers/serve-process.ts";
import { median, report } from "./report.ts";

const SECRET = "bench-signing-secret";
const tempFile = (name: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-bench-")), name);
  writeFileSync(path, "");
  return path;
};

export async function modalBench(): Promise<void> {
  const { snapshot } = await sampleSource().load();
  const slack = new FakeSlack();
  const users = snapshot.reps.map((rep, index) => {
    const id = `U${String(index).padStart(6, "0")}`;
    slack.addUser(rep.email, id);
    return id;
  });
  slack.addUser("guest@contractor.example.com", "UGUEST");
  const { url, server } = await slack.listen();
  const bot = await startServe({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: url,
    PORT: "0",
    DATA_SOURCE: "sample",
    DATABASE_URL: `sqlite:${tempFile("bench.db")}`,
    NUDGEBOT_CONFIG: tempFile("nudgebot.yml"),
    // A Saturday: no digest cycle competes with the commands, so this measures the modal path.
    NUDGEBOT_NOW: "2026-03-07T15:00:00Z",
    LOG_LEVEL: "silent",
  });
  let sent = 0;
  /** Milliseconds from sending the command until Slack is asked to open the modal, or to reply. */
  const openTime = async (userId: string): Promise<number> => {
    sent += 1;
    const before = slack.callsOf("views.open").length + slack.callsOf("respond").length;
    const started = performance.now();
    const ack = await sendCommand(bot.port, SECRET, {
      command: "/giveback",
      text: "",
      user_id: userId,
      response_url: `${url.replace("/api/", "/respond/")}${sent}`,
      trigger_id: `t${sent}`,
    });
    if (ack.status !== 200) throw new Error(`ack failed: ${ack.status}`);
    while (slack.callsOf("views.open").length + slack.callsOf("respond").length === before)
      await new Promise((resolve) => setTimeout(resolve, 1));
    return performance.now() - started;
  };

  const cold = await openTime(users[4] as string);
  const firstTime: number[] = [];
  for (const user of users.slice(5, 25)) firstTime.push(await openTime(user));
  const again: number[] = [];
  for (const user of users.slice(5, 25)) again.push(await openTime(user));
  const outsider = await openTime("UGUEST");
  await bot.stop();
  server.close();
  report("/giveback until the modal opens, 2,500-opportunity sample (`nudgebot serve` process)", [
    ["first command after start (cold)", `${cold.toFixed(0)} ms (Slack's limit: 3,000 ms)`],
    [
      "20 reps, first time (Slack lookup), median / max",
      `${median(firstTime).toFixed(0)} / ${Math.max(...firstTime).toFixed(0)} ms`,
    ],
    ["20 reps again, median / max", `${median(again).toFixed(0)} / ${Math.max(...again).toFixed(0)} ms`],
    ["someone outside the team, until the reply", `${outsider.toFixed(0)} ms`],
  ]);
}

// Run on its own; bench/index.ts can import modalBench like the others.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await modalBench();
