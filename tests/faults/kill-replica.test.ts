// Two `nudgebot serve` processes on one PostgreSQL; one is killed (SIGKILL) in the middle of sending
// the digests. The survivor takes its messages over when their leases run out, checks whether the
// one in flight landed, and every rep ends with exactly one digest.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sampleSource } from "../../src/sources/sample/sample-source.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";
import { sendCommand, startServe } from "../helpers/serve-process.ts";

const SECRET = "kill-secret";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!POSTGRES_URL)("a replica killed mid-send", () => {
  it("loses nothing and sends nothing twice", { timeout: 60_000 }, async () => {
    const { snapshot } = await sampleSource().load();
    const slack = new FakeSlack();
    for (const [index, rep] of snapshot.reps.entries())
      slack.addUser(rep.email, `U${String(index).padStart(4, "0")}`);
    const slow = await slack.listen({ delayMs: 60 });
    cleanups.push(() => new Promise<void>((resolve) => slow.server.close(() => resolve())));
    const database = await freshPostgresDatabase();
    cleanups.push(database.drop);
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-kill-")), "nudgebot.yml");
    writeFileSync(configFile, `admins: [${snapshot.reps[0]?.email}]\nreplicas: { outboxLeaseSeconds: 2 }\n`);
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slow.url,
      PORT: "0",
      DATA_SOURCE: "sample",
      DATABASE_URL: database.url,
      NUDGEBOT_CONFIG: configFile,
      NUDGEBOT_NOW: "2026-03-07T15:00:00Z", // a Saturday: only /nudge run sends
    };
    const doomed = await startServe(env);
    cleanups.push(() => void doomed.child.kill("SIGKILL"));
    const survivor = await startServe(env);
    cleanups.push(async () => {
      await survivor.stop();
    });

    const ack = await sendCommand(doomed.port, SECRET, {
      text: "run",
      user_id: "U0000",
      response_url: slow.url.replace("/api/", "/respond/run"),
    });
    expect(ack.status).toBe(200);
    while (slack.delivered.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    doomed.child.kill("SIGKILL");
    expect(await doomed.exited).toBeNull();
    const deliveredAtKill = slack.delivered.length;
    expect(deliveredAtKill).toBeLessThan(36);

    const deadline = Date.now() + 30_000;
    while (slack.delivered.length < 36 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a double would show up by now
    const perChannel = new Map<string, number>();
    for (const message of slack.delivered)
      perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(36);
    expect([...perChannel.entries()].filter(([, count]) => count !== 1)).toEqual([]);
  });
});
