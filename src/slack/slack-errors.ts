// What a failed Slack call means for the caller: wait and retry, retry later, or give up; and, for a
// post, whether it may have landed anyway (then the retry looks in the conversation first).
import { ErrorCode } from "@slack/web-api";
import type { SlackFailure } from "../services/ports/slack-port.ts";

const TRANSIENT_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
  "team_added_to_org",
]);

/** Slack documents these as "it's possible some aspect of the operation succeeded". */
const PARTLY_DONE_PLATFORM_ERRORS = new Set(["internal_error", "fatal_error"]);

/** Network failures before a connection existed: the request never left. */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

/**
 * Whether a network error may have come after the request was written: a timeout or a connection
 * reset may have cut off Slack's answer, not the request. Anything unknown counts as uncertain,
 * since a look in the conversation costs one call and a double post cannot be taken back.
 */
function mayHaveLeft(error: unknown): boolean {
  const failure = error as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const code = failure.cause?.code ?? failure.code;
  if (code && NEVER_CONNECTED.has(code)) return false;
  return !/bad port/.test(failure.cause?.message ?? "");
}

export function classifySlackError(error: unknown): SlackFailure {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    headers?: Record<string, string>;
    original?: unknown;
  };
  switch (coded?.code) {
    case "SEND_UNVERIFIABLE":
      return { kind: "permanent", detail: (error as Error).message };
    case ErrorCode.RateLimitedError:
      return { kind: "rate-limited", retryAfterMs: (coded.retryAfter ?? 1) * 1000, detail: "ratelimited" };
    case ErrorCode.PlatformError: {
      const detail = coded.data?.error ?? "unknown_error";
      return TRANSIENT_PLATFORM_ERRORS.has(detail)
        ? { kind: "transient", detail, uncertain: PARTLY_DONE_PLATFORM_ERRORS.has(detail) }
        : { kind: "permanent", detail };
    }
    case ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      if (status === 429) {
        const seconds = Number(coded.headers?.["retry-after"] ?? 1);
        return {
          kind: "rate-limited",
          retryAfterMs: (Number.isFinite(seconds) ? seconds : 1) * 1000,
          detail: "HTTP 429",
        };
      }
      // A 5xx comes from Slack's side after it had the request: it may have posted before failing.
      if (status >= 500) return { kind: "transient", detail: `HTTP ${status}`, uncertain: true };
      return status === 408
        ? { kind: "transient", detail: `HTTP ${status}`, uncertain: false }
        : { kind: "permanent", detail: `HTTP ${status}` };
    }
    case ErrorCode.RequestError:
      return {
        kind: "transient",
        detail: `network: ${(error as Error).message}`,
        uncertain: mayHaveLeft(coded.original ?? error),
      };
    default:
      // E.g. the timeout firing while Slack's answer was being read: the post may well be there.
      return {
        kind: "transient",
        detail: error instanceof Error ? error.message : String(error),
        uncertain: mayHaveLeft(error),
      };
  }
}
