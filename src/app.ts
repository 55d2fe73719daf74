// Composition root: the one place that turns the environment into configured parts (create-app.ts:
// config, logger, clock, source and store) and wires them into the running bot (createBot).

import { WebClient } from "@slack/web-api";
import { composeSupportQueue } from "./compose-support-queue.ts";
import { BOT_TOKEN_MISSING } from "./config/serve-checks.ts";
import type { App } from "./create-app.ts";
import { countByRule } from "./domain/evaluate.ts";
import type { Rep } from "./domain/model.ts";
import { ConfigError } from "./errors.ts";
import type { JobDeps } from "./jobs/index.ts";
import { boltLogger } from "./logging.ts";
import { AwayStatus } from "./services/away-status.ts";
import { ChannelDirectory } from "./services/channel-directory.ts";
import { Directory } from "./services/directory.ts";
import { GiveBackService } from "./services/give-backs.ts";
import { HistoryService } from "./services/history.ts";
import { holdoutSettingsOf } from "./services/holdout-digests.ts";
import { KnownReps } from "./services/known-reps.ts";
import type { CycleDeps } from "./services/nudge-cycle.ts";
import { NudgeService } from "./services/nudge-service.ts";
import { OutboxSender, type RetryPolicy } from "./services/outbox-sender.ts";
import { PauseService } from "./services/pauses.ts";
import { PipelineCache } from "./services/pipeline-cache.ts";
import type { SlackApi } from "./services/ports/slack-port.ts";
import type { SupportDesk } from "./services/ports/support-desk-port.ts";
import { QuietDays } from "./services/quiet-days.ts";
import { RecordFixService } from "./services/record-fixes.ts";
import { RepTimezones } from "./services/rep-timezones.ts";
import { workingDayCounter } from "./services/report-working-days.ts";
import { SlackLinkService } from "./services/slack-links.ts";
import { StatsService } from "./services/stats.ts";
import type { QueueReadHook, SupportQueueService } from "./services/support-queue.ts";
import { TripService } from "./services/trips.ts";
import { defaultPeriodRules, WeeklyRulesService } from "./services/weekly-rules.ts";
import type { ListenerServices } from "./slack/listeners/services.ts";
import { WEB_CLIENT_OPTIONS, WebSlackApi } from "./slack/slack-api.ts";
import type { Store } from "./store/store.ts";
import type { ConsolePages } from "./web/console-pages.ts";
import { createConsolePages } from "./web/pages/index.ts";

/** The running parts of the bot, wired once. */
export interface Bot {
  store: Store;
  slack: SlackApi;
  pipeline: PipelineCache;
  directory: Directory;
  sender: OutboxSender;
  service: NudgeService;
  trips: TripService;
  giveBacks: GiveBackService;
  cycle: CycleDeps;
  /** Everything the Slack listeners call. */
  listeners: ListenerServices;
  /** Everything the schedules call. */
  jobDeps: JobDeps;
  /** The support queue's poll, when a help desk is configured. */
  support: SupportQueueService | null;
  /** The admin console's pages. */
  console: ConsolePages;
  /** The CRM's reps as last read, or as kept in the store from before a restart. */
  known: KnownReps;
}

export interface BotOptions {
  /** The Slack Web API port; the real client when left out. */
  slack?: SlackApi;
  retry?: RetryPolicy;
  /** The help desk behind the support queue; only used when ZENDESK_* are set. */
  supportDesk?: SupportDesk;
  /** Other consumers of each support queue read (forwarded tickets). */
  onQueueRead?: QueueReadHook[];
  /** The signal that ends a support queue read after `ms`; real time when left out. */
  supportDeadlineAfter?: (ms: number) => AbortSignal;
}

/** Wires the bot's services over the configured store, source and Slack workspace. */
export async function createBot(app: App, options: BotOptions = {}): Promise<Bot> {
  const { config, logger, clock } = app;
  const token = config.slack.botToken;
  if (!token && !options.slack) {
    throw new ConfigError([BOT_TOKEN_MISSING]);
  }
  const store = await app.openStore();
  const slack =
    options.slack ??
    new WebSlackApi(
      new WebClient(token, {
        slackApiUrl: config.slack.apiUrl,
        logger: boltLogger(logger),
        ...WEB_CLIENT_OPTIONS,
      }),
    );
  const pipeline = new PipelineCache({
    source: app.source,
    settings: config.rules,
    defaultTimezone: config.defaultTimezone,
    logger: logger.child({ component: "pipeline" }),
    clock,
    // A rep the CRM gives no time zone gets their Slack profile's (from the directory's cache).
    complete: (snapshot) => timezones.complete(snapshot),
    // Kept in the store, so after a restart the console knows roles and teams before the first read.
    onRead: (snapshot, readAt) => void known.remember(snapshot, readAt),
    onScan: (seconds, evaluation) => app.metrics.scanFinished(seconds, countByRule(evaluation)),
  });
  const known = new KnownReps({ store, pipeline, logger: logger.child({ component: "known-reps" }) });
  app.metrics.watchOutbox(store, clock);
  const directory = new Directory({
    store,
    slack,
    logger: logger.child({ component: "directory" }),
    clock,
    links: config.slackUsers,
  });
  const timezones = new RepTimezones({
    defaultTimezone: config.defaultTimezone,
    logger: logger.child({ component: "timezones" }),
    slackTimezones: (emails) => directory.timezones(emails),
  });
  const channels = new ChannelDirectory({
    store,
    slack,
    config,
    clock,
    logger: logger.child({ component: "channels" }),
  });
  const sender = new OutboxSender({
    store,
    slack,
    logger: logger.child({ component: "outbox" }),
    clock,
    resolveChannel: (target) => channels.resolve(target),
    metrics: app.metrics,
    leaseMs: config.replicas.outboxLeaseSeconds * 1000,
    retentionDays: config.outbox.retentionDays,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const quiet = new QuietDays({ store, config });
  const away = new AwayStatus({ slack, config, logger: logger.child({ component: "away-status" }) });
  // The history counts a fix's working days when it sees the fix, the way the report reads them.
  const workingDays = workingDayCounter(config, () => pipeline.lastRead()?.reps ?? NO_REPS);
  const history = new HistoryService({
    store,
    logger: logger.child({ component: "history" }),
    defaultTimezone: config.defaultTimezone,
    workingDays,
    holdout: holdoutSettingsOf(config),
    // Made just below; asked only when a scan is recorded, by which time it exists.
    weeklyRules: (on) => weekly.current(on),
  });
  // The support queue: nothing of it runs, and the desk is never asked, without ZENDESK_*.
  const supportQueue = composeSupportQueue({
    config,
    logger,
    clock,
    store,
    pipeline,
    directory,
    quiet,
    away,
    sender,
    slack,
    ...(options.supportDesk ? { desk: options.supportDesk } : {}),
    onQueueRead: options.onQueueRead ?? [],
    ...(options.supportDeadlineAfter ? { deadlineAfter: options.supportDeadlineAfter } : {}),
  });
  const { forwards } = supportQueue;
  // Noisy flags come from the report's default period, read again at each scan of the CRM.
  const weekly = new WeeklyRulesService({
    store,
    config,
    clock,
    logger: logger.child({ component: "weekly-rules" }),
    report: () => defaultPeriodRules(store, config, workingDays, clock()),
    scan: () => pipeline.lastView()?.readAt.getTime(),
  });
  const cycle = {
    pipeline,
    store,
    directory,
    sender,
    config,
    logger,
    clock,
    quiet,
    away,
    history,
    forwards,
    weekly,
  } satisfies CycleDeps;
  const service = new NudgeService({ ...cycle, config, slack });
  const rituals = {
    store,
    pipeline,
    directory,
    config,
    clock,
    quiet,
    logger: logger.child({ component: "rituals" }),
  };
  const trips = new TripService(rituals);
  const giveBacks = new GiveBackService(rituals);
  const pauses = new PauseService({ ...rituals, logger: logger.child({ component: "pauses" }) });
  const links = new SlackLinkService({
    ...rituals,
    logger: logger.child({ component: "slack-links" }),
    configured: config.slackUsers,
  });
  const stats = new StatsService({
    store,
    clock,
    defaultTimezone: config.defaultTimezone,
    workingDays,
    holdout: holdoutSettingsOf(config),
    supportQueue: supportQueue.take !== undefined,
  });
  app.metrics.watchEffectiveness(() => stats.rules());
  const fixes = new RecordFixService({
    pipeline,
    directory,
    config,
    clock,
    logger: logger.child({ component: "fixes" }),
  });
  const listeners: ListenerServices = {
    nudge: service,
    slack,
    pipeline,
    directory,
    fixes,
    stats,
    weekly,
    trips,
    giveBacks,
    pauses,
    links,
    sender,
    support: supportQueue.take,
    config: {
      channelName: config.channel.name,
      roi: config.roi,
      adoptionGoal: config.giveBack.adoptionGoal,
      admins: config.admins,
    },
  };
  const jobDeps: JobDeps = {
    ...cycle,
    config,
    trips,
    giveBacks,
    support: supportQueue.poller
      ? { service: supportQueue.poller, pollMinutes: config.support.pollMinutes }
      : undefined,
  };
  const consolePages = createConsolePages({ store, stats, pipeline, config, clock, known, weekly });
  return {
    store,
    slack,
    pipeline,
    directory,
    sender,
    service,
    trips,
    giveBacks,
    cycle,
    listeners,
    jobDeps,
    support: supportQueue.poller ?? null,
    console: consolePages,
    known,
  };
}

const NO_REPS: readonly Rep[] = [];

export { type App, type AppOptions, createApp, createStore, runningFrom } from "./create-app.ts";
