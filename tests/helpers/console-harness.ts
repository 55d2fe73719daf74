// The bot over HTTP with the admin console on, as `serve` wires it, against a stand-in Slack on
// loopback that also signs people in; a clock the test moves; and a sign-in without a browser.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bot, createApp, createBot } from "../../src/app.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { IMMEDIATE_RETRY } from "../../src/services/outbox-sender.ts";
import { type RunningSlackApp, startSlackApp } from "../../src/slack/bolt-app.ts";
import { slackConsole } from "../../src/web/slack-console.ts";
import { fakeSlackWithTeam, newDbFile, SIGNING_SECRET, TEAM } from "./bot-harness.ts";
import { recordRituals } from "./console-rituals.ts";
import { csvFolder } from "./csv-folder.ts";
import { CLIENT_ID, CLIENT_SECRET, FakeSlackOidc, type SlackPerson } from "./fake-slack-oidc.ts";
import { SlowSource } from "./slow-source.ts";

export const PEOPLE = {
  admin: { userId: "UOPS", email: "ops@example.com", name: "Olga Ops" },
  manager: { userId: "UMIA", email: "mia@example.com", name: "Mia Manager" },
  rep: { userId: "UAVA", email: "ava@example.com", name: "Ava Okafor" },
  stranger: { userId: "UZED", email: "zed@elsewhere.example", name: "Zed Stranger" },
} satisfies Record<string, SlackPerson>;

export interface ConsoleHarness {
  baseUrl: string;
  oidc: FakeSlackOidc;
  bot: Bot;
  clock: { now: Date };
  app: RunningSlackApp;
  /**
   * The bot's daily cycle on each of the `days` working days up to now, digests delivered, so the
   * pages have history and charts to draw; the clock ends where it was.
   */
  playDays(days: number): Promise<void>;
  /** Trips, trip notes, Give Back projects and check-in answers from January to March (console-rituals). */
  recordRituals(): Promise<void>;
  /** Signs `person` in through the stand-in Slack; resolves to the Cookie header of the session. */
  signIn(person: SlackPerson, returnTo?: string): Promise<string>;
  stop(): Promise<void>;
}

export const NOW = "2026-03-10T15:00:00Z";

/** A port free right now (the console's address must be known before the bot listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(address && typeof address === "object" ? address.port : 0));
    });
  });
}

/** `name=value` of each Set-Cookie that sets a value (deletions left out). */
export function cookiesOf(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => !pair.endsWith("="));
}

export interface HarnessOptions {
  /**
   * Whether the bot's first scan has read the CRM before the harness returns (the default). Without
   * it the bot is as just started: it has not read the CRM yet, and pages show what the store knows.
   */
  firstRead?: boolean;
}

export async function startConsoleHarness(
  env: Record<string, string> = {},
  options: HarnessOptions = {},
): Promise<ConsoleHarness> {
  const oidc = new FakeSlackOidc(fakeSlackWithTeam());
  const apiUrl = await oidc.listen();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, "");
  const base = createApp({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    CONSOLE_URL: baseUrl,
    CONSOLE_SESSION_SECRET: "console-harness-session-secret-0123456789abcdef",
    PORT: String(port),
    DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
    DATABASE_URL: `sqlite:${newDbFile()}`,
    NUDGEBOT_CONFIG: configFile,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...env,
  });
  const clock = { now: new Date(NOW) };
  const app = { ...base, clock: () => new Date(clock.now) };
  const bot = await createBot(app, { retry: IMMEDIATE_RETRY });
  // The bot's first scan: console pages show what it read, never read.
  if (options.firstRead !== false) await bot.pipeline.current();
  const running = await startSlackApp({
    config: app.config,
    logger: app.logger,
    services: bot.listeners,
    health: async () => ({ ok: true, detail: {} }),
    console: slackConsole({
      config: app.config,
      logger: app.logger,
      clock: app.clock,
      pages: bot.console,
      directory: bot.directory,
      reps: bot.known,
      settings: bot.store,
    }),
  });

  const signIn = async (person: SlackPerson, returnTo = "/admin/effectiveness") => {
    oidc.signInAs = person;
    const login = await fetch(`${baseUrl}/admin/login?return=${encodeURIComponent(returnTo)}`, {
      redirect: "manual",
    });
    const callback = await oidc.authorize(login.headers.get("location") ?? "");
    const back = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: cookiesOf(login).join("; ") },
    });
    if (back.status !== 303) throw new Error(`sign-in answered ${back.status}: ${await back.text()}`);
    return cookiesOf(back).join("; ");
  };

  const playDays = async (days: number) => {
    const end = clock.now;
    for (let back = days * 2; back >= 0; back--) {
      const day = new Date(end.getTime() - back * 86_400_000);
      if ([0, 6].includes(day.getUTCDay())) continue;
      clock.now = day;
      await runNudgeCycle(bot.cycle, "now");
      await bot.sender.drain();
    }
    clock.now = end;
  };

  return {
    baseUrl,
    oidc,
    bot,
    clock,
    app: running,
    playDays,
    recordRituals: () => recordRituals(bot, clock),
    signIn,
    stop: async () => {
      await running.stop();
      await bot.store.close();
      await oidc.close();
    },
  };
}

/**
 * Starts the first scan of a harness made with `firstRead: false` on a CRM that does not answer
 * until the returned source is released: a bot just started, still waiting on a slow CRM.
 */
export function holdFirstRead(harness: ConsoleHarness): SlowSource {
  // biome-ignore lint/suspicious/noExplicitAny: the source of a bot that is already wired
  const cache = harness.bot.pipeline as any;
  const slow = new SlowSource(TEAM).hold();
  cache.options.source = slow;
  void cache.read().catch(() => {}); // the first scan, still waiting on the CRM
  return slow;
}
