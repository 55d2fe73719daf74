// A small HubSpot REST client: a private app token as Bearer, requests paced under HubSpot's limits,
// a 429 waited out for the interval HubSpot names, 5xx and network errors retried with backoff,
// paged lists and searches followed, and the daily usage (X-HubSpot-RateLimit-Daily) remembered for
// the API budget. Thin on purpose, like the Salesforce client: @hubspot/api-client 13 would bring a
// generated client of every HubSpot API for the nine calls made here, and 14 needs Node 22.
import type { Logger } from "../../logging.ts";
import type { UsageMeter } from "../crm/api-budget.ts";
import { describeHubspotError, HubspotError } from "./hubspot-errors.ts";
import { RequestPacer } from "./request-pacer.ts";

export interface HubspotClientOptions {
  apiUrl: string;
  accessToken: string;
  logger: Logger;
  requestsPer10s: number;
  /** HubSpot refuses past 5 searches a second; 4 by default. */
  searchesPerSecond?: number;
  timeoutMs?: number;
  /** Attempts for a 429, 5xx or network failure before giving up. */
  retries?: number;
  /** The first backoff after a 5xx or network failure; doubled each time. */
  backoffMs?: number;
  onFailure?: (code: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** The clock the pacing counts by (milliseconds); a simulated day injects its own. */
  now?: () => number;
}

export interface SearchBody {
  filterGroups: {
    filters: { propertyName: string; operator: string; value?: string; values?: string[] }[];
  }[];
  sorts?: { propertyName: string; direction: "ASCENDING" | "DESCENDING" }[];
  properties: string[];
  limit: number;
  after?: string;
}

export interface SearchPage<T> {
  total: number;
  results: T[];
  paging?: { next?: { after: string } };
}

export class HubspotClient implements UsageMeter {
  /** Requests sent (each attempt counts), for the benchmark and the scan log. */
  requests = 0;
  lastLimitInfo: string | null = null;
  readonly pacer: RequestPacer;
  private daily: { used: number; max: number } | null = null;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HubspotClientOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.pacer = new RequestPacer(
      options.requestsPer10s,
      options.searchesPerSecond ?? 4,
      options.now,
      this.sleep,
    );
  }

  apiUsage(): { used: number; max: number } | null {
    return this.daily;
  }

  /** The account details call is cheap and carries the daily usage headers. */
  async refreshLimits(): Promise<void> {
    await this.get("/account-info/v3/details", "reading the account details");
  }

  get<T>(path: string, what: string): Promise<T> {
    return this.request<T>("GET", path, undefined, what);
  }

  post<T>(path: string, body: unknown, what: string): Promise<T> {
    return this.request<T>("POST", path, body, what);
  }

  patch<T>(path: string, body: unknown, what: string): Promise<T> {
    return this.request<T>("PATCH", path, body, what);
  }

  /** Every result of a paged GET list (`paging.next.after`). */
  async list<T>(path: string, what: string): Promise<T[]> {
    const results: T[] = [];
    let after: string | undefined;
    do {
      const join = path.includes("?") ? "&" : "?";
      const page = await this.get<SearchPage<T>>(
        `${path}${join}limit=100${after ? `&after=${encodeURIComponent(after)}` : ""}`,
        what,
      );
      results.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    return results;
  }

  /** One search, page after page, up to `cap` results (HubSpot's 10,000: callers slice larger reads). */
  async search<T>(
    object: string,
    body: SearchBody,
    what: string,
    cap = 10_000,
  ): Promise<{ results: T[]; total: number }> {
    const results: T[] = [];
    let page: SearchPage<T>;
    let after: string | undefined;
    do {
      page = await this.request<SearchPage<T>>(
        "POST",
        `/crm/v3/objects/${object}/search`,
        after ? { ...body, after } : body,
        what,
      );
      results.push(...page.results);
      after = page.paging?.next?.after;
    } while (after && results.length + body.limit <= cap);
    return { results, total: page.total };
  }

  async request<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
    const retries = this.options.retries ?? 4;
    let backoff = this.options.backoffMs ?? 1_000;
    for (let attempt = 1; ; attempt += 1) {
      await this.pacer.take(path.endsWith("/search"));
      const outcome = await this.attempt<T>(method, path, body, what);
      if (outcome.ok) return outcome.value;
      const { error, waitMs } = outcome;
      this.options.onFailure?.(error.hubspotCode);
      const retryable = error.status === null || error.status === 429 || error.status >= 500;
      if (!retryable || attempt > retries) throw error;
      const wait = waitMs ?? backoff;
      backoff *= 2;
      this.options.logger.warn(
        { what, attempt, status: error.status, waitMs: wait, err: error.message },
        "hubspot request failed; retrying",
      );
      await this.sleep(wait);
    }
  }

  private async attempt<T>(
    method: string,
    path: string,
    body: unknown,
    what: string,
  ): Promise<{ ok: true; value: T } | { ok: false; error: HubspotError; waitMs?: number }> {
    this.requests += 1;
    let response: Response;
    try {
      response = await fetch(`${this.options.apiUrl.replace(/\/$/, "")}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.accessToken}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const failure = new HubspotError("UNAVAILABLE", `HubSpot ${what} failed: ${(error as Error).message}`);
      return { ok: false, error: failure };
    }
    this.noteDailyUsage(response.headers);
    if (response.status === 204) return { ok: true, value: undefined as T };
    const parsed = await response.json().catch(() => null);
    if (response.ok) return { ok: true, value: parsed as T };
    const error = describeHubspotError(response.status, parsed, what);
    if (response.status !== 429) return { ok: false, error };
    const interval = Number(response.headers.get("x-hubspot-ratelimit-interval-milliseconds"));
    const retryAfter = Number(response.headers.get("retry-after"));
    const waitMs = retryAfter > 0 ? retryAfter * 1000 : interval > 0 ? interval : 10_000;
    return { ok: false, error, waitMs };
  }

  private noteDailyUsage(headers: Headers): void {
    const max = Number(headers.get("x-hubspot-ratelimit-daily"));
    const remaining = Number(headers.get("x-hubspot-ratelimit-daily-remaining"));
    if (max > 0 && Number.isFinite(remaining)) {
      this.daily = { used: max - remaining, max };
      this.lastLimitInfo = `daily=${max - remaining}/${max}`;
    }
  }
}
