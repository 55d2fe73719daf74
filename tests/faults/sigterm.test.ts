import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { sampleSource } from "../../src/sources/sample/sample-source.ts";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { newDbFile, sign } from "../helpers/bot-harness.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";

const BIN = fileURLToPath(new URL("../../bin/nudgebot.js", import.meta.url));
const SECRET = "sigterm-secret";
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, "serve"], { env: { PATH: process.env.PATH ?? "", ...env } });
  closers.push(() => child.kill("SIGKILL"));
  let stderr = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /HTTP on port (\d+)/.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, port, exited, stderr: () => stderr };
}

describe("SIGTERM during a digest cycle", () => {
  it("finishes what is in flight, exits 0, and the next start sends the rest: one digest each", async () => {
    const { snapshot } = await sampleSource().load();
    const slack = new FakeSlack();
    for (const [index, rep] of snapshot.reps.entries())
      slack.addUser(rep.email, `U${String(index).padStart(4, "0")}`);
    const slow = await slack.listen({ delayMs: 40 });
    closers.push(() => slow.server.close());
    const dbFile = newDbFile();
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
    writeFileSync(configFile, `admins: [${snapshot.reps[0]?.email}]\n`);
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slow.url,
      PORT: "0",
      DATA_SOURCE: "sample",
      DATABASE_URL: `sqlite:${dbFile}`,
      NUDGEBOT_CONFIG: configFile,
      // A Saturday: the scheduler sends nothing by itself; the admin's /nudge run does.
      NUDGEBOT_NOW: "2026-03-07T15:00:00Z",
    };
    const first = await serve(env);
    const body = new URLSearchParams({
      command: "/nudge",
      text: "run",
      user_id: "U0000",
      team_id: "T1",
      response_url: slow.url.replace("/api/", "/respond/run"),
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const ack = await fetch(`http://127.0.0.1:${first.port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(body, timestamp, SECRET),
      },
      body,
    });
    expect(ack.status).toBe(200);
    while (slack.delivered.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const sentBeforeStop = slack.delivered.length;
    expect(sentBeforeStop).toBeLessThan(36);

    // Nothing was lost: what was not sent is still queued.
    const store = new SqliteStore(dbFile);
    expect((await store.outboxStats(new Date())).depth).toBe(36 - sentBeforeStop);
    await store.close();

    const second = await serve(env);
    while (slack.delivered.length < 36) await new Promise((resolve) => setTimeout(resolve, 20));
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const perChannel = new Map<string, number>();
    for (const message of slack.delivered)
      perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(36);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
  });
});
