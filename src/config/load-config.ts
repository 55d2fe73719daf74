// Reads the environment and the YAML file once, validates both, and returns a Config or every problem.
import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../errors.ts";
import { crmSettings } from "../sources/registry.ts";
import type { Config } from "./config.ts";
import { consoleProblems, envSchema, pickEnv, portProblems } from "./env-schema.ts";
import { fileSchema, WEEKDAY_NAMES } from "./file-schema.ts";
import { supportSettings, zendeskSettings } from "./support-schema.ts";

export const DEFAULT_CONFIG_FILE = "config/nudgebot.yml";

function describe(issues: z.core.$ZodIssue[], where: (path: PropertyKey[]) => string): string[] {
  return issues.map((issue) => `${where(issue.path)}: ${issue.message}`);
}

export function loadConfig(processEnv: NodeJS.ProcessEnv): Config {
  const envResult = envSchema.safeParse(pickEnv(processEnv));
  const problems = envResult.success ? [] : describe(envResult.error.issues, (path) => String(path[0]));

  const explicitFile = processEnv.NUDGEBOT_CONFIG?.trim() || undefined;
  const configFile = explicitFile ?? DEFAULT_CONFIG_FILE;
  let raw: unknown = {};
  let fileRead: string | null = null;
  if (existsSync(configFile)) {
    try {
      raw = parseYaml(readFileSync(configFile, "utf8")) ?? {};
      fileRead = configFile;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      problems.push(`NUDGEBOT_CONFIG ${configFile}: not valid YAML: ${reason}`);
    }
  } else if (explicitFile) {
    problems.push(`NUDGEBOT_CONFIG: no file at ${configFile}`);
  }
  const fileResult = fileSchema.safeParse(raw);
  if (!fileResult.success) {
    problems.push(
      ...describe(fileResult.error.issues, (path) => `${configFile}: ${path.join(".") || "(top level)"}`),
    );
  }
  if (!envResult.success || !fileResult.success || problems.length > 0) throw new ConfigError(problems);

  const env = envResult.data;
  const file = fileResult.data;
  const crms = crmSettings(env, file, { admins: file.admins }, env.DATA_SOURCE.kind);
  problems.push(...crms.problems);
  const zendesk = zendeskSettings(env);
  problems.push(...portProblems(env), ...consoleProblems(env), ...zendesk.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const dayNumber = (name: (typeof WEEKDAY_NAMES)[number]) => WEEKDAY_NAMES.indexOf(name);
  return {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
    },
    port: env.PORT,
    console:
      env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.CONSOLE_URL && env.CONSOLE_SESSION_SECRET
        ? {
            clientId: env.SLACK_CLIENT_ID,
            clientSecret: env.SLACK_CLIENT_SECRET,
            publicUrl: env.CONSOLE_URL,
            sessionSecret: env.CONSOLE_SESSION_SECRET,
          }
        : null,
    metrics: { port: env.METRICS_PORT ?? null, token: env.METRICS_TOKEN },
    dataSource: env.DATA_SOURCE,
    database: env.DATABASE_URL,
    configFile: fileRead,
    fixedNow: env.NUDGEBOT_NOW ?? null,
    logLevel: env.LOG_LEVEL,
    defaultTimezone: file.defaultTimezone,
    digest: {
      windowStart: file.digest.windowStart,
      windowEnd: file.digest.windowEnd,
      workingDays: [...new Set(file.digest.workingDays.map(dayNumber))].sort(),
      managerDay: dayNumber(file.digest.managerDay),
      managerTime: file.digest.managerTime,
      focus: file.digest.focus,
      maxRecords: file.digest.maxRecords,
    },
    rules: {
      segments: file.rules.segments,
      minNextStepWords: file.rules.minNextStepWords,
      vaguePhrases: file.rules.vaguePhrases,
      closedReasonDays: file.rules.closedReasonDays,
      stageOrder: file.rules.stageOrder,
      disabledRules: file.rules.disabled,
      defaultSegment: file.rules.defaultSegment,
      currency: file.currency,
    },
    effectiveness: file.effectiveness,
    admins: file.admins,
    channel: file.channel,
    roi: file.roi,
    giveBack: file.giveBack,
    ...crms.settings,
    replicas: file.replicas,
    outbox: file.outbox,
    csv: { ...file.csv, columns: file.csv.columns as Record<string, string> },
    currencies: file.currencies,
    calendar: file.calendar,
    slackUsers: Object.fromEntries(
      Object.entries(file.slackUsers).map(([crm, slack]) => [
        crm.toLowerCase(),
        slack.includes("@") ? slack.toLowerCase() : slack,
      ]),
    ),
    support: supportSettings(file.support),
    zendesk: zendesk.zendesk,
  };
}
