// `nudgebot serve` starting up, as its own process: in order, retrying a Slack that cannot be
// reached, failing in one line when it cannot start, and stopping at any moment it is asked to.

import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/sql-store.ts";
import { fakeSlackWithTeam, newDbFile, TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import type { FakeSlack } from "../helpers/fake-slack.ts";
import { spawnServe } from "../helpers/serve-process.ts";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A Slack stand-in, a database with one message a previous run left behind, and serve's environment. */
async function setUp(slack: FakeSlack = fakeSlackWithTeam()) {
  const { url, server } = await slack.listen();
  closers.push(() => server.close());
  const dbFile = newDbFile();
  const store = openStore({ kind: "sqlite", file: dbFile });
  await store.migrate();
  await store.enqueue(
    { key: "notice:left-behind", kind: "notice", channel: "UAVA", payload: { text: "left behind" } },
    new Date("2026-03-09T15:00:00Z"),
  );
  await store.close();
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, "");
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: "secret",
    SLACK_API_URL: url,
    PORT: "0",
    DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
    DATABASE_URL: `sqlite:${dbFile}`,
    NUDGEBOT_CONFIG: configFile,
    // A Tuesday, 10:00 in New York: digests are due, so schedules that ran would send at once.
    NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
  };
  return { slack, env };
}

function spawn(env: Record<string, string>, nodeArgs: string[] = []) {
  const serve = spawnServe(env, nodeArgs);
  closers.push(() => serve.child.kill("SIGKILL"));
  return serve;
}

/** Resolves to the exit code, or to "still running" when it has not exited within `ms`. */
const exitWithin = (exited: Promise<number | null>, ms: number) =>
  Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve("still running"), ms))]);

/** What serve printed for people, apart from its JSON log lines. */
const humanLines = (stderr: string) =>
  stderr.split("\n").filter((line) => line !== "" && !line.startsWith("{"));

describe("nudgebot serve starting up", () => {
  it("with its port taken, says so in one line, sends nothing, and exits 1 by itself", async () => {
    const { slack, env } = await setUp();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    closers.push(() => blocker.close());
    const address = blocker.address();
    const port = address && typeof address === "object" ? address.port : 0;

    const serve = spawn({ ...env, PORT: String(port) });
    await serve.waitFor(/already in use/);
    // Well before the CLI's 10 s backstop: nothing was left holding the process open.
    expect(await exitWithin(serve.exited, 5_000)).toBe(1);
    expect(humanLines(serve.stderr())).toEqual([
      `port ${port} is already in use: stop what uses it or set PORT`,
    ]);
    expect(slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("retries a Slack it cannot reach at boot, with backoff and a log line each time, then serves", async () => {
    const slack = fakeSlackWithTeam().failNext("auth.test", { status: 503, body: { ok: false } }, 2);
    const { env } = await setUp(slack);
    const serve = spawn(env);
    await serve.waitFor(/nudgebot is running \(HTTP on port \d+\)/);
    const retries = serve
      .stderr()
      .split("\n")
      .filter((line) => line.includes("cannot reach Slack to verify the bot token"))
      .map((line) => JSON.parse(line) as { attempt: number; retryInMs: number; reason: string });
    expect(retries.map(({ attempt, retryInMs, reason }) => ({ attempt, retryInMs, reason }))).toEqual([
      { attempt: 1, retryInMs: 1000, reason: "HTTP 503" },
      { attempt: 2, retryInMs: 2000, reason: "HTTP 503" },
    ]);
    // Started for real: what the previous run left is sent once the listener is up.
    while (slack.delivered.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
  });

  it("with a bot token Slack refuses, says so in one line and exits 1 without sending", async () => {
    const slack = fakeSlackWithTeam().failNext("auth.test", {
      status: 200,
      body: { ok: false, error: "invalid_auth" },
    });
    const { env } = await setUp(slack);
    const serve = spawn(env);
    await serve.waitFor(/Slack refused/);
    expect(await exitWithin(serve.exited, 5_000)).toBe(1);
    expect(humanLines(serve.stderr())).toEqual([
      "Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN, or reinstall the app and use its new token",
    ]);
    expect(slack.callsOf("auth.test")).toHaveLength(1);
    expect(slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("honours SIGTERM while still waiting for Slack: stops at once, exit 0, nothing started", async () => {
    const slack = fakeSlackWithTeam().failNext("auth.test", { status: 503, body: { ok: false } }, 100);
    const { env } = await setUp(slack);
    const serve = spawn(env);
    await serve.waitFor(/cannot reach Slack to verify the bot token/);
    serve.child.kill("SIGTERM");
    expect(await exitWithin(serve.exited, 5_000)).toBe(0);
    expect(serve.stderr()).toContain('"msg":"stopped before start-up finished"');
    expect(serve.stderr()).not.toContain("nudgebot is running");
    expect(slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("ends cleanly on an unexpected error: logged, schedules and store stopped, exit 1", async () => {
    const { env } = await setUp();
    // A stand-in for a bug: a promise rejected with no one to catch it, on demand.
    const bug = join(mkdtempSync(join(tmpdir(), "nudgebot-bug-")), "bug.mjs");
    writeFileSync(
      bug,
      'process.on("SIGUSR2", () => { Promise.reject(new Error("a bug nobody caught")); });\n',
    );
    const serve = spawn(env, ["--import", bug]);
    await serve.waitFor(/nudgebot is running/);
    serve.child.kill("SIGUSR2");
    expect(await exitWithin(serve.exited, 8_000)).toBe(1);
    const messages = serve
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
    const fatal = messages.find((entry) => entry.msg === "unexpected error: stopping");
    expect(fatal?.err?.message).toBe("a bug nobody caught");
    expect(messages.at(-1)?.msg).toBe("stopped");
  });
});
