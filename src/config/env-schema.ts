// The environment variables of SPEC, validated; empty values count as unset.
import { z } from "zod";
import {
  CRM_ENV,
  DATA_SOURCE_CHOICES,
  type DataSourceSetting,
  parseDataSource,
} from "../sources/registry.ts";
import { zendeskEnv } from "./support-schema.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export type { DataSourceSetting };
export type DatabaseSetting = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

const dataSource = z
  .string()
  .transform((value, ctx): DataSourceSetting => {
    const setting = parseDataSource(value);
    if (setting) return setting;
    ctx.addIssue({ code: "custom", message: `expected ${DATA_SOURCE_CHOICES}, got "${value}"` });
    return z.NEVER;
  })
  .default({ kind: "sample" });

const database = z
  .string()
  .transform((value, ctx): DatabaseSetting => {
    if (value.startsWith("sqlite:") && value.length > 7) return { kind: "sqlite", file: value.slice(7) };
    if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
    ctx.addIssue({
      code: "custom",
      message: "expected sqlite:<file> or postgres://user:password@host/database",
    });
    return z.NEVER;
  })
  .default({ kind: "sqlite", file: "./data/nudgebot.db" });

const port = z.coerce
  .number("expected a port number")
  .int("expected a whole port number")
  .min(0, "expected a port from 1 to 65535 (0: any free port)")
  .max(65535, "expected a port from 1 to 65535");

export const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", 'expected a bot token starting with "xoxb-"').optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith("xapp-", 'expected an app-level token starting with "xapp-"')
    .optional(),
  SLACK_API_URL: z.url("expected a URL such as https://slack.com/api/").default("https://slack.com/api/"),
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  CONSOLE_SESSION_SECRET: z
    .string()
    .min(32, "expected at least 32 characters (e.g. the output of `openssl rand -hex 32`)")
    .optional(),
  CONSOLE_URL: z
    .url("expected the console's public address such as https://nudgebot.example.com")
    .refine((value) => /^https?:\/\//.test(value), "expected an http:// or https:// address")
    .refine((value) => {
      const url = new URL(value);
      return url.pathname === "/" && !url.search && !url.hash;
    }, "expected the address alone, without a path (the console lives at /admin on it)")
    .transform((value) => new URL(value).origin)
    .optional(),
  PORT: port.default(3000),
  METRICS_PORT: port.optional(),
  METRICS_TOKEN: z
    .string()
    .min(16, "expected at least 16 characters (e.g. the output of `openssl rand -hex 32`)")
    .optional(),
  DATA_SOURCE: dataSource,
  DATABASE_URL: database,
  NUDGEBOT_CONFIG: z.string().optional(),
  ...zendeskEnv,
  NUDGEBOT_NOW: z.iso
    .datetime({ offset: true, message: "expected an ISO 8601 time such as 2026-03-10T15:00:00Z" })
    .transform((value) => new Date(value))
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, `expected one of ${LOG_LEVELS.join(", ")}`).default("info"),
  ...CRM_ENV,
});

export type Env = z.output<typeof envSchema>;

/** Only the variables the schema knows, with "" treated as unset (as env files often leave them). */
export function pickEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") picked[key] = value.trim();
  }
  return picked;
}

/** Hosts where plain http never leaves the machine. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The admin console needs the Slack app's client id and secret together, the public address
 * Slack sends people back to and a secret of its own for the session cookies; none of the four
 * means the console is off.
 */
export function consoleProblems(
  env: Pick<Env, "SLACK_CLIENT_ID" | "SLACK_CLIENT_SECRET" | "CONSOLE_URL" | "CONSOLE_SESSION_SECRET">,
): string[] {
  const problems: string[] = [];
  if (env.SLACK_CLIENT_ID && !env.SLACK_CLIENT_SECRET)
    problems.push(
      "SLACK_CLIENT_SECRET: needed with SLACK_CLIENT_ID for the admin console (Basic Information → App Credentials)",
    );
  if (env.SLACK_CLIENT_SECRET && !env.SLACK_CLIENT_ID)
    problems.push(
      "SLACK_CLIENT_ID: needed with SLACK_CLIENT_SECRET for the admin console (Basic Information → App Credentials)",
    );
  if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && !env.CONSOLE_URL)
    problems.push(
      "CONSOLE_URL: needed for the admin console: the address people open it at, e.g. https://nudgebot.example.com (Slack sends them back to <CONSOLE_URL>/admin/auth/callback)",
    );
  if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && !env.CONSOLE_SESSION_SECRET)
    problems.push(
      "CONSOLE_SESSION_SECRET: needed for the admin console: a random secret of at least 32 characters that signs its cookies (generate one with `openssl rand -hex 32`)",
    );
  if (env.CONSOLE_URL?.startsWith("http:") && !LOOPBACK_HOSTS.has(new URL(env.CONSOLE_URL).hostname))
    problems.push(
      "CONSOLE_URL: expected an https:// address (plain http is allowed for 127.0.0.1 and localhost only: console sessions would travel unencrypted)",
    );
  return problems;
}

/** What the schema cannot see variable by variable: /metrics moved to the port it already has. */
export function portProblems(env: Pick<Env, "PORT" | "METRICS_PORT">): string[] {
  return env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT
    ? [
        `METRICS_PORT: ${env.METRICS_PORT} is PORT too; choose another port, or leave it unset to serve /metrics on PORT`,
      ]
    : [];
}
