import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/sql-store.ts";
import { fakeSlackWithTeam, newDbFile, TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { CLI_FROM_SOURCES, runCliAsync } from "../helpers/run-cli.ts";
import { startServe } from "../helpers/serve-process.ts";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe("nudgebot serve, run as a process", () => {
  it("sends what a crash left in the outbox, serves /healthz, and stops cleanly on SIGTERM", async () => {
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    closers.push(() => server.close());
    const dbFile = newDbFile();
    const store = openStore({ kind: "sqlite", file: dbFile });
    await store.migrate();
    await store.enqueue(
      {
        key: "digest:ava@example.com:2026-03-06",
        kind: "digest",
        channel: "UAVA",
        payload: { text: "left behind" },
      },
      new Date("2026-03-06T15:00:00Z"),
    );
    await store.close();
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
    writeFileSync(configFile, "");

    const bot = await startServe({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: url,
      PORT: "0",
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${dbFile}`,
      NUDGEBOT_CONFIG: configFile,
      // Saturday: no digest is due, so the only message is the one left behind.
      NUDGEBOT_NOW: "2026-03-07T15:00:00Z",
    });
    closers.push(() => bot.child.kill("SIGKILL"));
    const { port } = bot;

    while (slack.delivered.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slack.callsOf("chat.postMessage").map((call) => call.params.text)).toEqual(["left behind"]);
    // The send is recorded in the store a moment after Slack has it.
    const readMetrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    let metrics = await readMetrics();
    while (!metrics.includes("nudgebot_outbox_depth 0")) metrics = await readMetrics();
    expect(metrics).toContain('nudgebot_messages_sent_total{kind="digest"} 1');
    // Health says ok and nothing about the inside: anyone who reaches the port can ask.
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    expect(await bot.stop()).toBe(0);
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  it("serves /metrics only on METRICS_PORT and only with METRICS_TOKEN as a bearer token", async () => {
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
    writeFileSync(configFile, "");
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    closers.push(() => server.close());
    const token = "0123456789abcdef0123456789abcdef";
    const bot = await startServe({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: url,
      PORT: "0",
      METRICS_PORT: "0",
      METRICS_TOKEN: token,
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${newDbFile()}`,
      NUDGEBOT_CONFIG: configFile,
      NUDGEBOT_NOW: "2026-03-07T15:00:00Z",
    });
    closers.push(() => bot.child.kill("SIGKILL"));
    const started = bot
      .stderr()
      .split("\n")
      .find((line) => line.includes('"msg":"slack app started"'));
    const { metricsPort } = JSON.parse(started ?? "{}") as { metricsPort: number };
    const metrics = (port: number, authorization?: string) =>
      fetch(`http://127.0.0.1:${port}/metrics`, authorization ? { headers: { authorization } } : {});

    expect((await metrics(bot.port, `Bearer ${token}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    const anonymous = await metrics(metricsPort);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await metrics(metricsPort, `Bearer ${token.slice(0, -1)}x`)).status).toBe(401);
    const allowed = await metrics(metricsPort, `Bearer ${token}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("nudgebot_outbox_depth 0");
    expect(bot.stderr()).not.toContain(token);
    expect(await bot.stop()).toBe(0);
  });

  it("beside the admin console, refuses /metrics on PORT without METRICS_TOKEN and says so at start", async () => {
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
    writeFileSync(configFile, "");
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    closers.push(() => server.close());
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: url,
      PORT: "0",
      SLACK_CLIENT_ID: "123.456",
      SLACK_CLIENT_SECRET: "client-secret",
      CONSOLE_URL: "http://127.0.0.1:3000",
      CONSOLE_SESSION_SECRET: "0123456789abcdef0123456789abcdef",
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      NUDGEBOT_CONFIG: configFile,
      NUDGEBOT_NOW: "2026-03-07T15:00:00Z",
    };
    const bot = await startServe({ ...env, DATABASE_URL: `sqlite:${newDbFile()}` });
    closers.push(() => bot.child.kill("SIGKILL"));
    const refused = await fetch(`http://127.0.0.1:${bot.port}/metrics`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("nudgebot_");
    expect(bot.stderr()).toContain("/metrics refused on PORT: the admin console is served there");
    expect(await bot.stop()).toBe(0);

    const token = "0123456789abcdef0123456789abcdef";
    const withToken = await startServe({
      ...env,
      METRICS_TOKEN: token,
      DATABASE_URL: `sqlite:${newDbFile()}`,
    });
    closers.push(() => withToken.child.kill("SIGKILL"));
    const metrics = (authorization?: string) =>
      fetch(
        `http://127.0.0.1:${withToken.port}/metrics`,
        authorization ? { headers: { authorization } } : {},
      );
    expect((await metrics()).status).toBe(401);
    expect(await (await metrics(`Bearer ${token}`)).text()).toContain("nudgebot_outbox_depth");
    expect(withToken.stderr()).not.toContain("/metrics refused");
    expect(await withToken.stop()).toBe(0);
  });

  it("refuses to start without a signing secret in HTTP mode, naming it", async () => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCES, "serve"], {
      env: { PATH: process.env.PATH ?? "", SLACK_BOT_TOKEN: "xoxb-test", NUDGEBOT_CONFIG: "/dev/null" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(
      "Configuration error: SLACK_SIGNING_SECRET: needed in HTTP mode to verify Slack's requests (or set SLACK_APP_TOKEN for Socket Mode)\n",
    );
  });
});

describe("nudgebot scan, run as a process against a Slack stand-in", () => {
  it("sends each rep today's digest once, prints the findings with --json, and sends none the second time", async () => {
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    closers.push(() => server.close());
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: url,
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${newDbFile()}`,
      NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
    };
    const first = await runCliAsync(["scan", "--json"], env);
    expect(first.status).toBe(0);
    expect(
      first.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).rule),
    ).toHaveLength(5);
    expect(first.stderr).toContain(
      "5 findings; 2 digests queued, 0 already sent today; 3 messages delivered",
    );
    const second = await runCliAsync(["scan"], env);
    expect(second.stdout).toContain("0 digests queued, 2 already sent today");
    const digests = slack.delivered.filter((message) =>
      JSON.stringify(message.metadata).includes('"key":"digest:'),
    );
    expect(digests.map((message) => message.channel).sort()).toEqual(["DAVA", "DKEN"]);
  });
});
