// The root pino logger: structured JSON on stderr (stdout belongs to command output), secrets redacted.
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
