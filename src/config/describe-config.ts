// The effective configuration as people read it, with every secret masked.

import { describeCrms } from "../sources/registry.ts";
import type { Config } from "./config.ts";
import { describeSupport } from "./describe-support.ts";
import { WEEKDAY_NAMES } from "./file-schema.ts";

/** "xoxb-…(set, 56 chars)" style: enough to tell which token is loaded, never the token. */
export function maskSecret(value: string | undefined): string {
  if (!value) return "(not set)";
  const prefix = /^(xox[a-z]-|xapp-)/.exec(value)?.[1] ?? "";
  return `${prefix}****** (set, ${value.length} characters)`;
}

export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "******";
    return parsed.toString();
  } catch {
    return url;
  }
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

export function describeConfig(config: Config): Record<string, unknown> {
  const source = config.dataSource;
  const database = config.database;
  const crms = describeCrms(config, maskSecret);
  return {
    environment: {
      SLACK_BOT_TOKEN: maskSecret(config.slack.botToken),
      SLACK_SIGNING_SECRET: maskSecret(config.slack.signingSecret),
      SLACK_APP_TOKEN: maskSecret(config.slack.appToken),
      SLACK_API_URL: config.slack.apiUrl,
      SLACK_CLIENT_ID: config.console?.clientId ?? "(not set: admin console off)",
      SLACK_CLIENT_SECRET: maskSecret(config.console?.clientSecret),
      CONSOLE_URL: config.console?.publicUrl ?? "(not set)",
      CONSOLE_SESSION_SECRET: maskSecret(config.console?.sessionSecret),
      PORT: config.port,
      METRICS_PORT: config.metrics.port ?? "(not set: /metrics on PORT)",
      METRICS_TOKEN: maskSecret(config.metrics.token),
      DATA_SOURCE: source.kind === "csv" ? `csv:${source.folder}` : source.kind,
      DATABASE_URL: database.kind === "sqlite" ? `sqlite:${database.file}` : maskUrlPassword(database.url),
      NUDGEBOT_CONFIG: config.configFile ?? "(no file; defaults)",
      NUDGEBOT_NOW: config.fixedNow?.toISOString() ?? "(real clock)",
      LOG_LEVEL: config.logLevel,
      ...crms.environment,
      ZENDESK_URL: config.zendesk?.url ?? "(not set: support queue off)",
      ZENDESK_EMAIL: config.zendesk?.email ?? "(not set)",
      ZENDESK_API_TOKEN: maskSecret(config.zendesk?.apiToken),
    },
    defaultTimezone: config.defaultTimezone,
    digest: {
      window: `${clock(config.digest.windowStart)}–${clock(config.digest.windowEnd)} local`,
      workingDays: config.digest.workingDays.map((day) => WEEKDAY_NAMES[day]),
      managerDigest: `${WEEKDAY_NAMES[config.digest.managerDay]} ${clock(config.digest.managerTime)} local`,
      focus: `${config.digest.focus} records lead each digest; the rest are counted by rule`,
      ...(config.digest.maxRecords === undefined
        ? {}
        : { maxRecords: `${config.digest.maxRecords} (ignored: digests no longer cut records off)` }),
    },
    rules: {
      disabled: config.rules.disabledRules,
      minNextStepWords: config.rules.minNextStepWords,
      vaguePhrases: config.rules.vaguePhrases,
      closedReasonDays: config.rules.closedReasonDays,
      stageOrder: config.rules.stageOrder ?? "(the CRM's own order)",
      defaultSegment: config.rules.defaultSegment,
      segments: config.rules.segments,
    },
    effectiveness: {
      holdoutPercent:
        config.effectiveness.holdoutPercent > 0
          ? `${config.effectiveness.holdoutPercent}% of new findings held out of digests`
          : "0 (off)",
      holdoutWorkingDays: `${config.effectiveness.holdoutWorkingDays} working days`,
      escalateAfterWorkingDays: `${config.effectiveness.escalateAfterWorkingDays} working days after the first nudge, an open finding is listed for the manager`,
      noisyRules:
        config.effectiveness.noisyRules === "weekly"
          ? "weekly (noisy rules leave the daily digest for Monday's Weekly cleanup)"
          : "keep (noisy rules stay in the daily digest)",
    },
    admins: config.admins,
    channel: config.channel,
    roi: config.roi,
    giveBack: config.giveBack,
    currency: config.rules.currency,
    ...crms.config,
    support: describeSupport(config),
    replicas: config.replicas,
    outbox: config.outbox,
  };
}
