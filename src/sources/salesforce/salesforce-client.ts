// A small Salesforce REST client: timeouts on every request, retries with backoff on 5xx and network
// errors, one new session and retry on a 401, queries followed through nextRecordsUrl, and the
// org's API usage (Sforce-Limit-Info) remembered for the scan log.
import pRetry, { AbortError } from "p-retry";
import type { Logger } from "../../logging.ts";
import type { Described } from "./resolve-field-map.ts";
import type { SessionProvider } from "./salesforce-auth.ts";
import { describeApiErrors, SalesforceError } from "./salesforce-errors.ts";

export interface SalesforceRetryPolicy {
  name: string;
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const STANDARD_SALESFORCE_RETRY: SalesforceRetryPolicy = {
  name: "standard",
  retries: 4,
  minTimeoutMs: 1_000,
  maxTimeoutMs: 20_000,
};
export const FAST_SALESFORCE_RETRY: SalesforceRetryPolicy = {
  name: "fast",
  retries: 3,
  minTimeoutMs: 1,
  maxTimeoutMs: 5,
};

export interface SalesforceClientOptions {
  auth: SessionProvider;
  apiVersion: string;
  logger: Logger;
  timeoutMs?: number;
  retry?: SalesforceRetryPolicy;
  /** Told about every failed request (each attempt), for the error metrics. */
  onFailure?: (code: string) => void;
}

export interface QueryPage<T> {
  done: boolean;
  totalSize: number;
  records: T[];
  nextRecordsUrl?: string;
}

export class SalesforceClient {
  /** The last `Sforce-Limit-Info` seen, e.g. `api-usage=25/15000`. */
  lastLimitInfo: string | null = null;
  /** Requests sent (each attempt counts), for the benchmark and the scan log. */
  requests = 0;
  private readonly retry: SalesforceRetryPolicy;

  constructor(private readonly options: SalesforceClientOptions) {
    this.retry = options.retry ?? STANDARD_SALESFORCE_RETRY;
  }

  /** The org's daily API usage from the last `Sforce-Limit-Info` (`api-usage=25/15000`), or null. */
  apiUsage(): { used: number; max: number } | null {
    const match = /api-usage=(\d+)\/(\d+)/.exec(this.lastLimitInfo ?? "");
    if (!match) return null;
    const max = Number(match[2]);
    return max > 0 ? { used: Number(match[1]), max } : null;
  }

  /** Asks the org for its limits: how a paused bot learns that usage has fallen again. */
  async refreshLimits(): Promise<void> {
    const body = await this.request<{ DailyApiRequests?: { Max: number; Remaining: number } }>(
      "GET",
      `${this.apiPath}/limits`,
      undefined,
      "reading the API limits",
    );
    const daily = body?.DailyApiRequests;
    if (daily) this.lastLimitInfo = `api-usage=${daily.Max - daily.Remaining}/${daily.Max}`;
  }

  get apiPath(): string {
    return `/services/data/v${this.options.apiVersion}`;
  }

  async instanceUrl(): Promise<string> {
    return (await this.options.auth.session()).instanceUrl;
  }

  /** Every record of a SOQL query, page after page. */
  async query<T>(soql: string, what: string): Promise<T[]> {
    const records: T[] = [];
    let page = await this.request<QueryPage<T>>(
      "GET",
      `${this.apiPath}/query?q=${encodeURIComponent(soql)}`,
      undefined,
      what,
    );
    records.push(...page.records);
    while (!page.done && page.nextRecordsUrl) {
      page = await this.request<QueryPage<T>>("GET", page.nextRecordsUrl, undefined, what);
      records.push(...page.records);
    }
    return records;
  }

  async describe(sobject: string): Promise<Described> {
    return this.request(
      "GET",
      `${this.apiPath}/sobjects/${sobject}/describe`,
      undefined,
      `describing ${sobject}`,
    );
  }

  async patch(sobject: string, id: string, body: Record<string, unknown>): Promise<void> {
    await this.request(
      "PATCH",
      `${this.apiPath}/sobjects/${sobject}/${encodeURIComponent(id)}`,
      body,
      `updating ${sobject} ${id}`,
    );
  }

  /** One call, with retries for 5xx and network errors and one re-login on a 401. */
  async request<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
    let renewed = false;
    for (;;) {
      const session = await this.options.auth.session();
      try {
        return await pRetry(() => this.attempt<T>(session, method, path, body, what), {
          retries: this.retry.retries,
          minTimeout: this.retry.minTimeoutMs,
          maxTimeout: this.retry.maxTimeoutMs,
          onFailedAttempt: ({ error, attemptNumber }) => {
            this.options.onFailure?.((error as SalesforceError).salesforceCode ?? "UNKNOWN");
            this.options.logger.warn(
              { what, attempt: attemptNumber, err: error.message },
              "salesforce request failed; retrying",
            );
          },
        });
      } catch (error) {
        // Errors retrying cannot fix (4xx) never reach onFailedAttempt: count them here.
        if (error instanceof SalesforceError && (error.status ?? 500) < 500)
          this.options.onFailure?.(error.salesforceCode);
        if (error instanceof SalesforceError && error.salesforceCode === "SESSION_EXPIRED" && !renewed) {
          renewed = true;
          this.options.logger.info({ what }, "salesforce session expired; logging in again");
          await this.options.auth.renew();
          continue;
        }
        throw error;
      }
    }
  }

  private async attempt<T>(
    session: { instanceUrl: string; accessToken: string },
    method: string,
    path: string,
    body: unknown,
    what: string,
  ): Promise<T> {
    this.requests += 1;
    let response: Response;
    try {
      response = await fetch(`${session.instanceUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${session.accessToken}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      // Network failures and timeouts: worth another try.
      throw new SalesforceError(
        "UNAVAILABLE",
        `Salesforce ${what} failed: ${(error as Error).message}`,
        null,
        { cause: error },
      );
    }
    const limit = response.headers.get("sforce-limit-info");
    if (limit) this.lastLimitInfo = limit;
    if (response.status === 204) return undefined as T;
    const parsed = await response.json().catch(() => null);
    if (response.ok) return parsed as T;
    const failure = describeApiErrors(response.status, parsed, what);
    if (response.status >= 500) throw failure;
    // 4xx will not get better by asking again; a 401 is handled one level up.
    throw new AbortError(failure);
  }
}
