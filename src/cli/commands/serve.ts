// `nudgebot serve` (= `npm start`): the bot. Starts the Slack app and the schedules, sends what a
// previous run left in the outbox, and on SIGTERM stops the schedules, lets in-flight work finish,
// then closes.
import { type App, createBot } from "../../app.ts";
import { ConfigError } from "../../errors.ts";
import { startJobs } from "../../jobs/index.ts";
import { startSlackApp } from "../../slack/bolt-app.ts";
import type { Output } from "../output.ts";

export async function serve(
  app: App,
  output: Output,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const { config, logger } = app;
  if (!config.slack.appToken && !config.slack.signingSecret) {
    throw new ConfigError([
      "SLACK_SIGNING_SECRET: needed in HTTP mode to verify Slack's requests (or set SLACK_APP_TOKEN for Socket Mode)",
    ]);
  }
  // Listen for the stop signal before anything else, so one that arrives during start-up is kept.
  const stopSignal = new Promise<string>((resolve) => {
    signals.once("SIGTERM", () => resolve("SIGTERM"));
    signals.once("SIGINT", () => resolve("SIGINT"));
  });
  const bot = await createBot(app);
  const jobs = startJobs(bot.jobDeps);
  const slackApp = await startSlackApp({
    config,
    logger,
    services: bot.listeners,
    metrics: app.metrics.registry,
    health: async () => {
      try {
        await bot.store.ping();
        const stats = await bot.store.outboxStats(app.clock());
        return { ok: true, detail: { store: "reachable", outboxDepth: stats.depth } };
      } catch (error) {
        return { ok: false, detail: { store: "unreachable", error: (error as Error).message } };
      }
    },
  });
  // What a previous run left in the outbox goes out now, while requests are already served.
  void jobs.outbox.runNow();
  output.err(
    `nudgebot is running (${config.slack.appToken ? "Socket Mode" : `HTTP on port ${slackApp.port}`}).`,
  );

  logger.info({ signal: await stopSignal }, "stopping: finishing work in flight");
  // Finish the message in flight, give leased ones back, then let listeners and jobs wind down.
  bot.sender.stop();
  await jobs.stop();
  await slackApp.stop();
  await bot.store.close();
  logger.info("stopped");
  return 0;
}
