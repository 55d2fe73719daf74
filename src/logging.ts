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
  "ZENDESK_API_TOKEN",
  "apiToken",
  "*.apiToken",
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

/**
 * Slack's own strings carry secrets pino's `redact` cannot see (it masks object fields, not text):
 * a `response_url` lets anyone post in that channel for 30 minutes, the Socket Mode `?ticket=` URL
 * opens a connection, and payloads still hold the legacy verification `token`. Each pattern
 * matches plain JSON, JSON with escaped slashes (`https:\/\/…`, as Slack sends it) and form
 * encoding.
 */
const SECRET_TEXT: [RegExp, string][] = [
  [/hooks\.slack\.com[^\s"'&,)]*/gi, "hooks.slack.com/[redacted]"],
  [/((?:\\?")?(?:response_url|token)(?:\\?")?\s*[:=]\s*\\?")(?:[^"\\]|\\[^"])*/gi, "$1[redacted]"],
  [/(^|[?&\s])((?:response_url|token|ticket)=)[^&\s"']*/gi, "$1$2[redacted]"],
  [/\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g, "[redacted]"],
];

/** The text with Slack's secrets masked, for strings a library logs. */
export function scrubSlackSecrets(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * Bolt, Socket Mode and the Web API client log through the same pino logger, but never below info
 * whatever LOG_LEVEL says: their debug lines are whole payloads and URLs (response_url, the Socket
 * Mode ticket). What they do log is scrubbed of Slack's secrets all the same.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    scrubSlackSecrets(
      parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" "),
    );
  return {
    debug: () => {},
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    // A library asking for debug (Socket Mode checks getLevel() before logging whole acks) is kept at info.
    setLevel: (next: LogLevel) => {
      level = SEVERITY[next] < SEVERITY[LogLevel.INFO] ? LogLevel.INFO : next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
