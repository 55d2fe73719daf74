// A small per-address limit on the sign-in routes (a callback costs a call to Slack's token
// endpoint): one address may start, and finish, a limited number of sign-ins per minute. Fixed
// one-minute windows in a bounded map: a flood of addresses cannot grow memory without end.

export interface RateLimitOptions {
  /** Requests allowed per address in one window. */
  limit: number;
  windowMs: number;
  /** Addresses remembered at most; the oldest window is forgotten first. */
  maxAddresses: number;
}

export const SIGN_IN_RATE: RateLimitOptions = { limit: 30, windowMs: 60_000, maxAddresses: 10_000 };

export class RateLimiter {
  /** address → its window's start and count, oldest window first (Map keeps insertion order). */
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly options: RateLimitOptions = SIGN_IN_RATE) {}

  /** Counts one request from `address` at `now`; false when it is over the limit. */
  allow(address: string, now: number): boolean {
    const { limit, windowMs, maxAddresses } = this.options;
    const known = this.windows.get(address);
    if (known && now - known.start < windowMs) {
      known.count += 1;
      return known.count <= limit;
    }
    this.windows.delete(address);
    if (this.windows.size >= maxAddresses) {
      // Forget ended windows first; when none has ended, the oldest one.
      for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key);
      if (this.windows.size >= maxAddresses) this.windows.delete(this.windows.keys().next().value as string);
    }
    this.windows.set(address, { start: now, count: 1 });
    return true;
  }
}
