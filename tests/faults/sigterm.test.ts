import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sampleSource } from "../../src/sources/sample/sample-source.ts";
import { openStore } from "../../src/store/sql-store.ts";
import { newDbFile } from "../helpers/bot-harness.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";
import { sendCommand, startServe } from "../helpers/serve-process.ts";

const SECRET = "sigterm-secret";
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

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
    const first = await startServe(env);
    closers.push(() => first.child.kill("SIGKILL"));
    const ack = await sendCommand(first.port, SECRET, {
      text: "run",
      user_id: "U0000",
      response_url: slow.url.replace("/api/", "/respond/run"),
    });
    expect(ack.status).toBe(200);
    while (slack.delivered.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const sentBeforeStop = slack.delivered.length;
    expect(sentBeforeStop).toBeLessThan(36);

    // Nothing was lost: what was not sent is still queued.
    const store = openStore({ kind: "sqlite", file: dbFile });
    expect((await store.outboxStats(new Date())).depth).toBe(36 - sentBeforeStop);
    await store.close();

    const second = await startServe(env);
    closers.push(() => second.child.kill("SIGKILL"));
    while (slack.delivered.length < 36) await new Promise((resolve) => setTimeout(resolve, 20));
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const perChannel = new Map<string, number>();
    for (const message of slack.delivered)
      perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(36);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
    // Two bot processes start and stop in turn: on a loaded 2-core machine that alone takes ~20 s.
  }, 60_000);
});
