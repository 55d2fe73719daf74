// A thin fetch-based Zendesk Support API v2 client: HTTP Basic `<email>/token:<token>`, a 429 waited
// out for Zendesk's Retry-After, 5xx, timeouts and network failures retried with backoff, and a
// refused sign-in turned into a sentence naming the variables to check. Not node-zendesk: it is
// not among the installed packages, and the queue needs five endpoints (search, groups,
// organizations, users, ticket show/update), which plain fetch covers in a page.
import type { Logger } from "../../logging.ts";
import { SupportDeskError } from "../../services/ports/support-desk-port.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";

export interface ZendeskClientOptions {
  /** `https://acme.zendesk.com`, no trailing slash needed. */
  url: string;
  email: string;
  apiToken: string;
  logger: Logger;
  retry?: RetryPolicy;
}

/** A refused request the caller decides on (a ticket gone, an update conflict). */
export interface RawAnswer<T> {
  status: number;
  body: T | null;
}

const SIGN_IN_ADVICE =
  "check ZENDESK_EMAIL (an agent or admin) and ZENDESK_API_TOKEN (Admin Center → Apps and integrations → Zendesk API, token access on)";

export class ZendeskClient {
  /** Requests sent (each attempt counts), for the queue read's figures and the benchmark. */
  requests = 0;
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: ZendeskClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, "");
    this.authorization = `Basic ${Buffer.from(`${options.email}/token:${options.apiToken}`).toString("base64")}`;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  /** `deadline`, when given, is the caller's: see `send`. */
  get<T>(path: string, what: string, deadline?: AbortSignal): Promise<T> {
    return this.request<T>("GET", path, undefined, what, deadline);
  }

  async request<T>(
    method: string,
    path: string,
    body: unknown,
    what: string,
    deadline?: AbortSignal,
  ): Promise<T> {
    const answer = await this.send<T>(method, path, body, what, [], deadline);
    return answer.body as T;
  }

  /**
   * The same, but the statuses in `accept` (404, 409…) come back to the caller instead of failing.
   * `path` may be a full URL Zendesk gave (`next_page`): only its path and query are used, so a
   * proxy or loopback base URL keeps working and the credentials never go to another host.
   * Once `deadline` aborts, the request in flight is aborted, no request or retry wait follows, and
   * the call fails as unavailable, out of time.
   */
  async send<T>(
    method: string,
    path: string,
    body: unknown,
    what: string,
    accept: readonly number[],
    deadline?: AbortSignal,
  ): Promise<RawAnswer<T>> {
    const target = this.resolve(path);
    const outside = [this.retry.signal, deadline].filter((signal) => signal !== undefined);
    const stop = outside.length > 1 ? AbortSignal.any(outside) : outside[0];
    let backoff = this.retry.backoffMs;
    let last: SupportDeskError | undefined;
    for (let attempt = 1; ; attempt += 1) {
      if (deadline?.aborted) throw outOfTime(what, last);
      const outcome = await this.attempt<T>(method, target, body, what, accept, stop);
      // Checked before the answer too: a body cut off by the deadline parses as nothing.
      if (deadline?.aborted) throw outOfTime(what, "error" in outcome ? outcome.error : last);
      if ("answer" in outcome) return outcome.answer;
      const { error, waitMs } = outcome;
      last = error;
      const retryable = error.kind === "unavailable" || error.kind === "rate-limited";
      if (!retryable || attempt > this.retry.retries || this.retry.signal?.aborted) throw error;
      const wait = waitMs ?? backoff;
      if (wait > this.retry.maxRetryAfterMs) throw error;
      backoff *= 2;
      this.options.logger.warn(
        { what, attempt, kind: error.kind, waitMs: wait, err: error.message },
        "zendesk request failed; retrying",
      );
      await this.pause(wait, stop);
      if (this.retry.signal?.aborted) throw error;
    }
  }

  /** The policy's sleep, cut short when `stop` aborts (a sleep that ignores the signal included). */
  private async pause(ms: number, stop: AbortSignal | undefined): Promise<void> {
    if (!stop) return this.retry.sleep(ms);
    if (stop.aborted) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        stop.removeEventListener("abort", done);
        resolve();
      };
      stop.addEventListener("abort", done, { once: true });
      this.retry.sleep(ms, stop).then(done, (error: unknown) => {
        stop.removeEventListener("abort", done);
        reject(error);
      });
    });
  }

  private resolve(path: string): string {
    if (!/^https?:\/\//.test(path)) return `${this.baseUrl}${path}`;
    const given = new URL(path);
    return `${this.baseUrl}${given.pathname}${given.search}`;
  }

  private async attempt<T>(
    method: string,
    url: string,
    body: unknown,
    what: string,
    accept: readonly number[],
    stop: AbortSignal | undefined,
  ): Promise<{ answer: RawAnswer<T> } | { error: SupportDeskError; waitMs?: number }> {
    this.requests += 1;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: this.authorization,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: stop
          ? AbortSignal.any([AbortSignal.timeout(this.retry.timeoutMs), stop])
          : AbortSignal.timeout(this.retry.timeoutMs),
      });
    } catch (cause) {
      const timedOut = (cause as Error).name === "TimeoutError";
      const reason = timedOut
        ? `no answer within ${this.retry.timeoutMs / 1000} s`
        : (cause as Error).message;
      return {
        error: new SupportDeskError("unavailable", `Zendesk did not answer ${what}: ${reason}`, { cause }),
      };
    }
    const parsed = (await response.json().catch(() => null)) as T | null;
    if (response.ok || accept.includes(response.status)) {
      return { answer: { status: response.status, body: parsed } };
    }
    return this.failure(response, parsed, what);
  }

  private failure(
    response: Response,
    parsed: unknown,
    what: string,
  ): { error: SupportDeskError; waitMs?: number } {
    const status = response.status;
    const words = zendeskWords(parsed) ?? `HTTP ${status}`;
    if (status === 401) {
      return {
        error: new SupportDeskError(
          "unauthorized",
          `Zendesk refused the sign-in ${what} (HTTP 401: ${words}): ${SIGN_IN_ADVICE}.`,
        ),
      };
    }
    if (status === 403) {
      return {
        error: new SupportDeskError(
          "unauthorized",
          `Zendesk refused ${what} (HTTP 403: ${words}): the user behind ZENDESK_EMAIL may not be allowed to; ${SIGN_IN_ADVICE}.`,
        ),
      };
    }
    if (status === 429) {
      const seconds = Number(response.headers.get("retry-after"));
      const waitMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : this.retry.backoffMs;
      return {
        error: new SupportDeskError("rate-limited", `Zendesk asked to slow down ${what} (HTTP 429).`),
        waitMs,
      };
    }
    if (status >= 500) {
      return {
        error: new SupportDeskError("unavailable", `Zendesk failed ${what} (HTTP ${status}: ${words}).`),
      };
    }
    return {
      error: new SupportDeskError("bad-response", `Zendesk refused ${what} (HTTP ${status}: ${words}).`),
    };
  }
}

/** The caller's deadline passed: what was under way, and the last failure if one led to it. */
function outOfTime(what: string, cause: SupportDeskError | undefined): SupportDeskError {
  return new SupportDeskError(
    "unavailable",
    `Out of time ${what}: the deadline passed before Zendesk answered${cause ? ` (last: ${cause.message})` : ""}.`,
    cause ? { cause } : undefined,
  );
}

/** Zendesk's error bodies: `{error: "RecordNotFound", description: "Not found"}` or `{error: {title, message}}`. */
function zendeskWords(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const { error, description } = body as { error?: unknown; description?: unknown };
  if (typeof description === "string") return description;
  if (typeof error === "string") return error;
  if (error && typeof error === "object") {
    const { title, message } = error as { title?: unknown; message?: unknown };
    if (typeof message === "string") return message;
    if (typeof title === "string") return title;
  }
  return null;
}
