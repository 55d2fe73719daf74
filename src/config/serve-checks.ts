// What `nudgebot serve` needs beyond values that parse, decided once: `serve` refuses to start on
// these problems and says these notes at start, and `check-config` prints the same lines.
import type { Config } from "./config.ts";

export const BOT_TOKEN_MISSING = "SLACK_BOT_TOKEN: needed to talk to Slack (a bot token starting with xoxb-)";
export const SIGNING_SECRET_MISSING =
  "SLACK_SIGNING_SECRET: needed in HTTP mode to verify Slack's requests (or set SLACK_APP_TOKEN for Socket Mode)";

/** Why `serve` would refuse to start with this configuration, one line per variable; empty when it would not. */
export function serveProblems(config: Pick<Config, "slack">): string[] {
  const { slack } = config;
  return [
    slack.appToken || slack.signingSecret ? null : SIGNING_SECRET_MISSING,
    slack.botToken ? null : BOT_TOKEN_MISSING,
  ].filter((line): line is string => line !== null);
}

/**
 * Where GET /metrics answers. `own-port`: only on METRICS_PORT. `token`: on PORT behind
 * METRICS_TOKEN. `refused`: the admin console has PORT exposed to people, so /metrics there answers
 * no one until a token or a port of its own is set. `open`: on PORT for anyone (no console).
 */
export type MetricsExposure = "own-port" | "token" | "refused" | "open";

export function metricsExposure(config: Pick<Config, "metrics" | "console">): MetricsExposure {
  if (config.metrics.port != null) return "own-port";
  if (config.metrics.token) return "token";
  return config.console ? "refused" : "open";
}

/** The sentence `serve` logs at start and `check-config` prints when /metrics is refused on PORT. */
export const METRICS_REFUSED_NOTE =
  "/metrics refused on PORT: the admin console is served there, so it is reachable by people; set METRICS_TOKEN (Prometheus sends it as a bearer token) or METRICS_PORT (a port only Prometheus reaches) to serve it";

/** Lines about how `serve` will run that are not errors; empty when there is nothing to say. */
export function serveNotes(config: Pick<Config, "metrics" | "console">): string[] {
  return metricsExposure(config) === "refused" ? [METRICS_REFUSED_NOTE] : [];
}
