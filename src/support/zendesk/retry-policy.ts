// How the Zendesk client waits between attempts: named policies passed in, so tests use one that
// never sleeps and production honours Zendesk's Retry-After without ever stalling a poll for long.

export interface RetryPolicy {
  /** Attempts after the first for a 429, a 5xx, a timeout or a network failure. */
  retries: number;
  /** The first backoff after a 5xx or network failure; doubled each time. */
  backoffMs: number;
  /** The longest wait for a 429's Retry-After: a longer one fails the read as rate-limited. */
  maxRetryAfterMs: number;
  /** Each attempt's own time limit. */
  timeoutMs: number;
  /** Resolves early (or at once) when `signal` aborts; the client never waits past it either way. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** An outside deadline (check-config's): once aborted, the request in flight stops and none follows. */
  signal?: AbortSignal;
}

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done) => {
    if (signal?.aborted) return done();
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      done();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener("abort", finish, { once: true });
  });

/** Three retries, 1 s then 2 s then 4 s; a Retry-After up to a minute is waited out. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 20_000,
  sleep: realSleep,
};

/** For check-config: one quick retry and short time limits, so the command never hangs. */
export const CHECK_RETRY_POLICY: RetryPolicy = {
  retries: 1,
  backoffMs: 500,
  maxRetryAfterMs: 5_000,
  timeoutMs: 8_000,
  sleep: realSleep,
};
