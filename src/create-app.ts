// The composition root's first half: the environment turned into the configured parts every
// command starts from (config, logger, metrics, clock, CRM source, store factory); app.ts wires the
// running bot from them.
import type { Config } from "./config/config.ts";
import type { DatabaseSetting } from "./config/env-schema.ts";
import { loadConfig } from "./config/load-config.ts";
import { createLogger, type Logger } from "./logging.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createSource } from "./sources/registry.ts";
import type { PipelineSource } from "./sources/source.ts";
import { openStore } from "./store/sql-store.ts";
import type { Store } from "./store/store.ts";

export interface App {
  config: Config;
  logger: Logger;
  source: PipelineSource;
  /** "now": from NUDGEBOT_NOW onwards when it is set, else the real clock. */
  clock: () => Date;
  metrics: Metrics;
  /** A store for the configured database, not yet migrated. */
  createStore: (database?: DatabaseSetting) => Store;
  /** A store brought up to date, ready to use. */
  openStore: (database?: DatabaseSetting) => Promise<Store>;
}

export interface AppOptions {
  /** Log level when LOG_LEVEL is not set (one-shot commands keep the terminal quiet). */
  defaultLogLevel?: string;
}

export function createApp(env: NodeJS.ProcessEnv, options: AppOptions = {}): App {
  const config = loadConfig(env);
  const level = env.LOG_LEVEL?.trim() ? config.logLevel : (options.defaultLogLevel ?? config.logLevel);
  const logger = createLogger(level);
  const fixedNow = config.fixedNow;
  const metrics = createMetrics();
  const clock = fixedNow ? runningFrom(fixedNow) : () => new Date();
  return {
    config,
    logger,
    metrics,
    source: createSource(config, {
      clock,
      logger,
      closedWithinDays: config.rules.closedReasonDays,
      onFailure: (code) => metrics.crmFailure(code),
      currency: config.rules.currency,
      currencies: config.currencies,
    }),
    clock,
    createStore: (database = config.database) => createStore(database, logger),
    openStore: async (database = config.database) => {
      const store = createStore(database, logger);
      try {
        const report = await store.migrate();
        if (report.applied.length > 0) logger.info({ applied: report.applied }, "database migrated");
      } catch (error) {
        // An open connection pool would keep a process that cannot work alive.
        await store.close().catch(() => {});
        throw error;
      }
      return store;
    },
  };
}

/**
 * A clock that starts at `start` and runs on in real time: replays and demos see the day they ask
 * for, while leases and retry backoffs in a long-running process still expire.
 */
export function runningFrom(start: Date): () => Date {
  const startedAt = performance.now();
  return () => new Date(start.getTime() + Math.floor(performance.now() - startedAt));
}

export function createStore(database: DatabaseSetting, logger?: Logger): Store {
  return database.kind === "sqlite"
    ? openStore({ kind: "sqlite", file: database.file })
    : openStore({ kind: "postgres", url: database.url }, logger);
}
