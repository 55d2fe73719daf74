// The root pino logger: structured JSON on stderr (stdout belongs to command output), secrets redacted.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import { type Logger, pino } from "pino";

export type { Logger };

/** Paths whose values never reach a log line, wherever they appear. */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "password",
  "*.password",
  "accessToken",
  "*.accessToken",
  "privateKey",
  "*.privateKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SALESFORCE_ACCESS_TOKEN",
  "SALESFORCE_PRIVATE_KEY",
  "METRICS_TOKEN",
  // The console's sign-in and session secrets, should an error or a library ever log them.
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "*.client_secret",
  "code_verifier",
  "*.code_verifier",
  "id_token",
  "*.id_token",
  "access_token",
  "*.access_token",
  "sessionSecret",
  "*.sessionSecret",
  "SLACK_CLIENT_SECRET",
  "CONSOLE_SESSION_SECRET",
];

export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino(
    { level, base: { app: "nudgebot" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } },
    destination,
  );
}

/** Bolt and the Web API client log through the same pino logger. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  return {
    debug: (...parts: unknown[]) => child.debug(text(parts)),
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
