// Starts the real bot (composition root, Bolt over HTTP on a free port, SQLite file) against the
// fake Slack, with a clock the test moves, and sends requests signed exactly as Slack signs them.
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bot, createApp, createBot } from "../../src/app.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import type { Logger } from "../../src/logging.ts";
import type { Metrics } from "../../src/metrics.ts";
import { IMMEDIATE_RETRY, type RetryPolicy } from "../../src/services/outbox-sender.ts";
import type { SupportDesk } from "../../src/services/ports/support-desk-port.ts";
import type { QueueReadHook } from "../../src/services/support-queue.ts";
import { type RunningSlackApp, startSlackApp } from "../../src/slack/bolt-app.ts";
import type { PipelineSource } from "../../src/sources/source.ts";
import { account, opportunity, rep, snapshot } from "./builders.ts";
import { csvFolder } from "./csv-folder.ts";
import { FakeSlack, RESPONSE_URL_BASE, SLACK_API_URL } from "./fake-slack.ts";

export const SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543";

/** A small team: an admin, a manager, Ava in New York, Ken in Tokyo, and Cy who is not in Slack. */
export const TEAM: Snapshot = snapshot({
  reps: [
    rep({ email: "ops@example.com", name: "Olga Ops", role: "admin", managerEmail: null }),
    rep({ email: "mia@example.com", name: "Mia Manager", role: "manager", managerEmail: null }),
    rep({ email: "ava@example.com", name: "Ava Okafor" }),
    rep({ email: "ken@example.com", name: "Ken Sato", timezone: "Asia/Tokyo" }),
    rep({ email: "cy@example.com", name: "Cy Vance", managerEmail: "other@example.com" }),
  ],
  accounts: [
    account(),
    account({ id: "001K", ownerEmail: "ken@example.com" }),
    account({ id: "001C", ownerEmail: "cy@example.com" }),
  ],
  opportunities: [
    opportunity({ id: "006A", nextStep: "tbd", howHeard: null }),
    // Its own amount: two deals of one amount on one account, closing together, look like duplicates.
    opportunity({ id: "006B", name: "Bluepeak - Renewal", amount: 3_500, nextStepDate: "2026-03-01" }),
    opportunity({ id: "006K", accountId: "001K", ownerEmail: "ken@example.com", howHeard: null }),
    opportunity({ id: "006C", accountId: "001C", ownerEmail: "cy@example.com", howHeard: null }),
  ],
});

export const USERS: Record<string, string> = {
  "ops@example.com": "UOPS",
  "mia@example.com": "UMIA",
  "ava@example.com": "UAVA",
  "ken@example.com": "UKEN",
};

export interface HarnessOptions {
  now: string;
  data?: Snapshot;
  dbFile?: string;
  /** A PostgreSQL URL instead of the SQLite file. */
  databaseUrl?: string;
  source?: PipelineSource;
  retry?: RetryPolicy;
  slack?: FakeSlack;
  yaml?: string;
  /** More environment variables (ZENDESK_*, …). */
  env?: Record<string, string>;
  /** A help desk for the support queue: ZENDESK_* are set so the queue is on. */
  supportDesk?: SupportDesk;
  /** Other consumers of each support queue read. */
  onQueueRead?: QueueReadHook[];
  /** The signal that ends a support queue read after `ms` (the test aborts it). */
  supportDeadlineAfter?: (ms: number) => AbortSignal;
  /** The bot's logger, for tests that read what it logs. */
  logger?: Logger;
}

export interface Harness {
  slack: FakeSlack;
  bot: Bot;
  metrics: Metrics;
  clock: { now: Date };
  dbFile: string;
  port: number;
  app: RunningSlackApp;
  stop(): Promise<void>;
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  command(userId: string, text: string, headers?: Record<string, string>): Promise<Response>;
  interaction(payload: Record<string, unknown>): Promise<Response>;
  event(event: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function newDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), "nudgebot-bot-")), "nudgebot.db");
}

export function fakeSlackWithTeam(): FakeSlack {
  const slack = new FakeSlack();
  for (const [email, id] of Object.entries(USERS)) slack.addUser(email, id);
  return slack;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const slack = options.slack ?? fakeSlackWithTeam();
  slack.install();
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, options.yaml ?? "");
  const dbFile = options.dbFile ?? newDbFile();
  const clock = { now: new Date(options.now) };
  const base = createApp({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL,
    PORT: "0",
    DATA_SOURCE: `csv:${csvFolder(options.data ?? TEAM)}`,
    DATABASE_URL: options.databaseUrl ?? `sqlite:${dbFile}`,
    NUDGEBOT_CONFIG: configFile,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
    ...(options.supportDesk
      ? {
          ZENDESK_URL: "https://acme.zendesk.test",
          ZENDESK_EMAIL: "bot@example.com",
          ZENDESK_API_TOKEN: "zd-token",
        }
      : {}),
  });
  const app = {
    ...base,
    clock: () => new Date(clock.now),
    source: options.source ?? base.source,
    logger: options.logger ?? base.logger,
  };
  const bot = await createBot(app, {
    retry: options.retry ?? IMMEDIATE_RETRY,
    ...(options.supportDesk ? { supportDesk: options.supportDesk } : {}),
    ...(options.onQueueRead ? { onQueueRead: options.onQueueRead } : {}),
    ...(options.supportDeadlineAfter ? { supportDeadlineAfter: options.supportDeadlineAfter } : {}),
  });
  const running = await startSlackApp({
    config: app.config,
    logger: app.logger,
    services: bot.listeners,
    health: async () => ({ ok: true, detail: { store: "reachable" } }),
  });
  const url = `http://127.0.0.1:${running.port}/slack/events`;

  const post = (body: string, contentType: string, headers: Record<string, string> = {}) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(url, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(body, timestamp),
        ...headers,
      },
      body,
    });
  };
  let sequence = 0;
  return {
    slack,
    bot,
    metrics: base.metrics,
    clock,
    dbFile,
    port: running.port,
    app: running,
    stop: async () => {
      try {
        await running.stop();
        await bot.store.close();
      } finally {
        slack.uninstall();
      }
    },
    post,
    command: (userId, text, headers) => {
      sequence += 1;
      return post(
        new URLSearchParams({
          token: "legacy",
          team_id: "T1",
          channel_id: "C1",
          user_id: userId,
          command: "/nudge",
          text,
          response_url: `${RESPONSE_URL_BASE}command-${sequence}`,
          trigger_id: `trigger-${sequence}`,
        }).toString(),
        "application/x-www-form-urlencoded",
        headers,
      );
    },
    interaction: (payload) =>
      post(
        new URLSearchParams({
          payload: JSON.stringify({ team: { id: "T1" }, token: "legacy", ...payload }),
        }).toString(),
        "application/x-www-form-urlencoded",
      ),
    event: (event, headers) => {
      sequence += 1;
      return post(
        JSON.stringify({
          type: "event_callback",
          team_id: "T1",
          api_app_id: "A1",
          event_id: `Ev${sequence}`,
          event_time: 1,
          event,
        }),
        "application/json",
        headers,
      );
    },
  };
}

/** Waits until `check` holds, for work Bolt finishes after it has acknowledged the request. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
