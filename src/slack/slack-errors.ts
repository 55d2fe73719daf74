// What a failed Slack call means for the caller: wait and retry, retry later, or give up.
import { ErrorCode } from "@slack/web-api";

export type SlackFailure =
  | { kind: "rate-limited"; retryAfterMs: number; detail: string }
  | { kind: "transient"; detail: string }
  | { kind: "permanent"; detail: string };

const TRANSIENT_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
  "team_added_to_org",
]);

export function classifySlackError(error: unknown): SlackFailure {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    headers?: Record<string, string>;
  };
  switch (coded?.code) {
    case ErrorCode.RateLimitedError:
      return { kind: "rate-limited", retryAfterMs: (coded.retryAfter ?? 1) * 1000, detail: "ratelimited" };
    case ErrorCode.PlatformError: {
      const detail = coded.data?.error ?? "unknown_error";
      return TRANSIENT_PLATFORM_ERRORS.has(detail)
        ? { kind: "transient", detail }
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
      return status >= 500 || status === 408
        ? { kind: "transient", detail: `HTTP ${status}` }
        : { kind: "permanent", detail: `HTTP ${status}` };
    }
    case ErrorCode.RequestError:
      return { kind: "transient", detail: `network: ${(error as Error).message}` };
    default:
      return { kind: "transient", detail: error instanceof Error ? error.message : String(error) };
  }
}
