// `nudgebot serve` (= `npm start`): the bot. Sends what a previous run left in the outbox, starts
// the schedules and the Slack app, and on SIGTERM stops the schedules, lets in-flight work finish,
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
  const bot = await createBot(app);
  const leftover = await bot.sender.drain();
  if (leftover.sent > 0) logger.info(leftover, "sent messages a previous run had left in the outbox");
  const jobs = startJobs({
    ...bot.cycle,
    sender: bot.sender,
    logger,
    trips: bot.trips,
    giveBacks: bot.giveBacks,
  });
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
  output.err(
    `nudgebot is running (${config.slack.appToken ? "Socket Mode" : `HTTP on port ${slackApp.port}`}).`,
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "stopping: finishing work in flight");
      resolve();
    };
    signals.once("SIGTERM", () => stop("SIGTERM"));
    signals.once("SIGINT", () => stop("SIGINT"));
  });
  // Finish the message in flight, give leased ones back, then let listeners and jobs wind down.
  bot.sender.stop();
  await jobs.stop();
  await slackApp.stop();
  await bot.store.close();
  logger.info("stopped");
  return 0;
}
