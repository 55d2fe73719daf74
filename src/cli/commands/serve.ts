// `nudgebot serve` (= `npm start`): the bot. Starts in order (store, then the Slack listener, then the
// schedules, then what a previous run left in the outbox) and, on SIGTERM or SIGINT at any moment,
// on a failed start or on an unexpected error, stops what was started in reverse order: schedules
// stop, work in flight finishes, listeners close, the store closes. Nothing is left running.
import { type App, type Bot, createBot } from "../../app.ts";
import { serveNotes, serveProblems } from "../../config/serve-checks.ts";
import { ConfigError, StartupCancelledError } from "../../errors.ts";
import { type Jobs, startJobs } from "../../jobs/index.ts";
import { type RunningSlackApp, startSlackApp } from "../../slack/bolt-app.ts";
import { slackConsole } from "../../web/slack-console.ts";
import type { Output } from "../output.ts";

export interface ServeOptions {
  /** Where SIGTERM, SIGINT, uncaughtException and unhandledRejection come from: the process. */
  events?: NodeJS.EventEmitter;
}

export async function serve(app: App, output: Output, options: ServeOptions = {}): Promise<number> {
  const { config, logger } = app;
  const events = options.events ?? process;
  // The same checks check-config reports, so a configuration it calls valid starts here.
  const problems = serveProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  for (const note of serveNotes(config)) logger.warn(note);
  // Listen for the stop signal before anything else, so one that arrives during start-up is kept.
  const stopping = new AbortController();
  let exitCode = 0;
  const onSignal = (signal: string) => {
    if (stopping.signal.aborted) return;
    logger.info({ signal }, "stopping: finishing work in flight");
    stopping.abort(signal);
  };
  const onSigterm = () => onSignal("SIGTERM");
  const onSigint = () => onSignal("SIGINT");
  // A bug must not leave a bot half-alive (schedules running, listener gone): log it and stop cleanly.
  const onUnexpected = (error: unknown) => {
    logger.fatal({ err: error }, "unexpected error: stopping");
    exitCode = 1;
    if (!stopping.signal.aborted) stopping.abort("unexpected error");
  };
  events.on("SIGTERM", onSigterm);
  events.on("SIGINT", onSigint);
  events.on("uncaughtException", onUnexpected);
  events.on("unhandledRejection", onUnexpected);
  const stopped = new Promise<void>((resolve) =>
    stopping.signal.addEventListener("abort", () => resolve(), { once: true }),
  );

  let bot: Bot | undefined;
  let slackApp: RunningSlackApp | undefined;
  let jobs: Jobs | undefined;
  let failure: unknown = null;
  try {
    bot = await createBot(app);
    const { store } = bot;
    if (stopping.signal.aborted) throw new StartupCancelledError();
    slackApp = await startSlackApp({
      config,
      logger,
      services: bot.listeners,
      metrics: app.metrics.registry,
      console: slackConsole({
        config,
        logger,
        clock: app.clock,
        pages: bot.console,
        directory: bot.directory,
        reps: bot.known,
        settings: store,
      }),
      signal: stopping.signal,
      health: async () => {
        try {
          await store.ping();
          return { ok: true, detail: {} };
        } catch (error) {
          return { ok: false, detail: { store: "unreachable", err: error } };
        }
      },
    });
    if (stopping.signal.aborted) throw new StartupCancelledError();
    jobs = startJobs(bot.jobDeps);
    // What a previous run left in the outbox goes out now, while requests are already served.
    void jobs.outbox.runNow();
    output.err(
      `nudgebot is running (${config.slack.appToken ? "Socket Mode" : `HTTP on port ${slackApp.port}`}).`,
    );
    await stopped;
  } catch (error) {
    if (error instanceof StartupCancelledError) logger.info("stopped before start-up finished");
    else {
      logger.error({ err: error }, "start-up failed");
      failure = error;
    }
  }
  try {
    await shutDown(bot, jobs, slackApp);
  } finally {
    events.off("SIGTERM", onSigterm);
    events.off("SIGINT", onSigint);
    events.off("uncaughtException", onUnexpected);
    events.off("unhandledRejection", onUnexpected);
  }
  // The CLI prints a failed start as one line and exits 1.
  if (failure) throw failure;
  logger.info("stopped");
  return exitCode;
}

/** Stops what was started, newest first; safe to call twice. */
async function shutDown(bot: Bot | undefined, jobs: Jobs | undefined, slackApp: RunningSlackApp | undefined) {
  // Finish the message in flight, give leased ones back, then let listeners and jobs wind down.
  bot?.sender.stop();
  await jobs?.stop();
  await slackApp?.stop();
  await bot?.store.close();
}
