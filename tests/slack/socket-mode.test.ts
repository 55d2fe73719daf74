// Socket Mode: with an app token the bot connects to the WebSocket URL Slack hands out, acks each
// envelope on the socket, and answers through the response URL; /healthz and the admin console are
// served beside it on PORT.
import { mkdtempSync, writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { createApp, createBot } from "../../src/app.ts";
import { startSlackApp } from "../../src/slack/bolt-app.ts";
import { slackConsole } from "../../src/web/slack-console.ts";
import { eventually, fakeSlackWithTeam, newDbFile, TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { SLACK_API_URL } from "../helpers/fake-slack.ts";

const cleanups: (() => Promise<void> | void)[] = [];

function rawGet(port: number, path: string, cookie: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path, headers: { cookie } }, (res) => {
      res.resume();
      resolve(res);
    }).on("error", reject);
  });
}
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("Socket Mode", () => {
  it("takes a slash command over the socket, acks the envelope, and answers", async () => {
    const sockets = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise<void>((resolve) => sockets.once("listening", () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => sockets.close(() => resolve())));
    const address = sockets.address();
    const slack = fakeSlackWithTeam();
    slack.socketUrl = `ws://127.0.0.1:${address && typeof address === "object" ? address.port : 0}/`;
    slack.install();
    cleanups.push(() => slack.uninstall());
    const acks: unknown[] = [];
    sockets.on("connection", (socket) => {
      socket.on("message", (data) => acks.push(JSON.parse(data.toString())));
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          connection_info: { app_id: "A1" },
          debug_info: { host: "test" },
        }),
      );
      socket.send(
        JSON.stringify({
          envelope_id: "env-1",
          type: "slash_commands",
          accepts_response_payload: true,
          payload: {
            token: "legacy",
            team_id: "T1",
            channel_id: "C1",
            user_id: "UAVA",
            command: "/nudge",
            text: "score",
            response_url: "http://slack.test/respond/socket",
            trigger_id: "t1",
          },
        }),
      );
    });

    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-socket-")), "nudgebot.yml");
    writeFileSync(configFile, "");
    const app = createApp({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_APP_TOKEN: "xapp-1-test",
      SLACK_API_URL,
      PORT: "0",
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${newDbFile()}`,
      NUDGEBOT_CONFIG: configFile,
      NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
      LOG_LEVEL: "silent",
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "console-secret",
      CONSOLE_URL: "https://nudgebot.example.com",
      CONSOLE_SESSION_SECRET: "socket-mode-console-session-secret-0123456789",
    });
    const bot = await createBot(app);
    const running = await startSlackApp({
      config: app.config,
      logger: app.logger,
      services: bot.listeners,
      metrics: app.metrics.registry,
      health: async () => ({ ok: true, detail: { store: "reachable" } }),
      console: slackConsole({
        ...app,
        pages: bot.console,
        directory: bot.directory,
        reps: bot.known,
        settings: bot.store,
      }),
    });
    cleanups.push(async () => {
      await running.stop();
      await bot.store.close();
    });

    await eventually(() => slack.callsOf("respond").length === 1, 10_000);
    expect(acks).toContainEqual(expect.objectContaining({ envelope_id: "env-1" }));
    expect(slack.callsOf("apps.connections.open")).toHaveLength(1);
    expect(slack.callsOf("respond")[0]?.params.text).toBe("Your Required 7 scorecard: 70%");
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);

    // The console on the same port; behind https its cookies are __Host- cookies: Secure, Path=/
    // and no Domain (here: clearing a bad one). (node:http, as nock's fetch interception hides the
    // Location of a manual redirect.)
    const page = await rawGet(running.port, "/admin/team", "__Host-nudgebot_session=forged.value");
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/admin/login?return=%2Fadmin%2Fteam");
    expect(page.headers["set-cookie"]?.[0]).toBe(
      "__Host-nudgebot_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
    );
  });

  it("with an app token Slack refuses, fails to start with one line naming SLACK_APP_TOKEN", async () => {
    const slack = fakeSlackWithTeam().failNext("apps.connections.open", {
      status: 200,
      body: { ok: false, error: "invalid_auth" },
    });
    slack.install();
    cleanups.push(() => slack.uninstall());
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-socket-")), "nudgebot.yml");
    writeFileSync(configFile, "");
    const app = createApp({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_APP_TOKEN: "xapp-1-revoked",
      SLACK_API_URL,
      PORT: "0",
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${newDbFile()}`,
      NUDGEBOT_CONFIG: configFile,
      LOG_LEVEL: "silent",
    });
    const bot = await createBot(app);
    cleanups.push(() => bot.store.close());
    await expect(
      startSlackApp({
        config: app.config,
        logger: app.logger,
        services: bot.listeners,
        health: async () => ({ ok: true, detail: {} }),
      }),
    ).rejects.toThrow(
      "Slack refused the app-level token (invalid_auth): check SLACK_APP_TOKEN (xapp-…, with connections:write)",
    );
  });
});
