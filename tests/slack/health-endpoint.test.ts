// GET /healthz through the real Bolt app: ok or unavailable, and why only in the log.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, createBot } from "../../src/app.ts";
import { createLogger } from "../../src/logging.ts";
import { startSlackApp } from "../../src/slack/bolt-app.ts";
import { fakeSlackWithTeam, newDbFile, TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { SLACK_API_URL } from "../helpers/fake-slack.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("GET /healthz", () => {
  it("answers 503 unavailable with no internal detail, and logs the reason", async () => {
    const slack = fakeSlackWithTeam();
    slack.install();
    cleanups.push(() => slack.uninstall());
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-health-")), "nudgebot.yml");
    writeFileSync(configFile, "");
    const app = createApp({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL,
      PORT: "0",
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${newDbFile()}`,
      NUDGEBOT_CONFIG: configFile,
    });
    let log = "";
    const logger = createLogger(
      "info",
      new Writable({
        write(chunk, _encoding, done) {
          log += chunk.toString();
          done();
        },
      }),
    );
    const bot = await createBot(app);
    const running = await startSlackApp({
      config: app.config,
      logger,
      services: bot.listeners,
      health: async () => {
        throw new Error("connect ECONNREFUSED 10.0.3.7:5432 (user nudgebot)");
      },
    });
    cleanups.push(async () => {
      await running.stop();
      await bot.store.close();
    });

    const response = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"status":"unavailable"}');
    expect(log).toContain("health check failed");
    expect(log).toContain("connect ECONNREFUSED 10.0.3.7:5432");
  });
});
