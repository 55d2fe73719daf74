// What a sign-in must remember between leaving for Slack and coming back (state, nonce, PKCE
// verifier, the page asked for): a signed cookie that lives ten minutes and is consumed once. The
// cookie is cleared at the callback, and the state is remembered until it expires, so a replayed
// callback (the same URL with the same cookie) is refused even by a browser that kept the cookie.
import type { IncomingMessage } from "node:http";
import { clearCookie, cookieName, readCookies, setCookie } from "./cookies.ts";
import { openValue, type SigningKeys, signValue } from "./signed-value.ts";

export const SIGN_IN_COOKIE = "nudgebot_sign_in";
const SIGN_IN_MS = 10 * 60_000;
const MAX_REMEMBERED = 50_000;

export interface SignInState {
  state: string;
  nonce: string;
  verifier: string;
  /** The console path to open once signed in. */
  returnTo: string;
}

export class SignInStates {
  /** state → when its cookie expires: states already used. */
  private readonly used = new Map<string, number>();
  private readonly name: string;

  constructor(
    private readonly keys: SigningKeys,
    private readonly secure: boolean,
    private readonly clock: () => Date,
  ) {
    this.name = cookieName(SIGN_IN_COOKIE, secure);
  }

  /** The Set-Cookie header that remembers `state`. */
  remember(state: SignInState): string {
    const expires = new Date(this.clock().getTime() + SIGN_IN_MS);
    return setCookie(this.name, signValue(this.keys, "sign-in", state, expires), {
      secure: this.secure,
      maxAge: SIGN_IN_MS / 1000,
    });
  }

  /**
   * The remembered state when the cookie is intact, unexpired, not used before and its state is
   * `returnedState`; it is then used up. Null otherwise.
   */
  consume(req: IncomingMessage, returnedState: string | null): SignInState | null {
    const now = this.clock().getTime();
    for (const [state, expires] of this.used) if (expires <= now) this.used.delete(state);
    const remembered = openValue<SignInState>(
      this.keys,
      "sign-in",
      readCookies(req).get(this.name),
      this.clock(),
    );
    if (!remembered || typeof remembered.state !== "string") return null;
    if (returnedState === null || remembered.state !== returnedState) return null;
    if (this.used.has(remembered.state)) return null;
    // Bounded, oldest first out: a flood of sign-ins cannot grow memory without end (Slack's
    // codes are single-use too, so a state forgotten early is still no way in).
    if (this.used.size >= MAX_REMEMBERED) this.used.delete(this.used.keys().next().value as string);
    this.used.set(remembered.state, now + SIGN_IN_MS);
    return remembered;
  }

  clear(): string {
    return clearCookie(this.name, this.secure);
  }
}

/**
 * The console path to go back to: a path under /admin on this site, nothing else, in printable
 * ASCII only (it ends up in a Location header, where a line break or non-ASCII text fails the answer).
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !/^[\x21-\x7e]+$/.test(value)) return "/admin";
  if (!/^\/admin(\/[A-Za-z0-9._~%/-]*)?(\?[^#\\]*)?$/.test(value)) return "/admin";
  if (value.includes("//") || value.includes("/../") || value.endsWith("/..")) return "/admin";
  return value;
}
