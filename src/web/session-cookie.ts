// The console session: who signed in, in a signed HttpOnly SameSite=Lax cookie that ends 12 hours
// after sign-in (checked here from the signed payload, whatever the browser keeps) or at sign-out
// (see sign-outs.ts). Every replica with the same secret reads the same cookie.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { clearCookie, cookieName, readCookies, setCookie } from "./cookies.ts";
import { openValue, type SigningKeys, signValue } from "./signed-value.ts";

export const SESSION_COOKIE = "nudgebot_session";
export const SESSION_HOURS = 12;
const SESSION_MS = SESSION_HOURS * 3_600_000;

/** Who signed in, as Sign in with Slack (or the demo) told us. */
export interface Identity {
  /** The Slack user id (U…), or a demo id. */
  userId: string;
  /** The email Slack knows the person by, lower case, when it said. */
  email: string | null;
  name: string | null;
}

export interface Session extends Identity {
  /** Random per sign-in: the CSRF token is derived from it. */
  sid: string;
  signedInAt: number;
}

export class Sessions {
  private readonly name: string;

  constructor(
    private readonly keys: SigningKeys,
    private readonly secure: boolean,
    private readonly clock: () => Date,
  ) {
    this.name = cookieName(SESSION_COOKIE, secure);
  }

  /**
   * A new session for `identity` and the Set-Cookie header that carries it. `signedOutAt` is the
   * person's last sign-out: the session is dated after it, so it is never taken for an ended one.
   */
  start(identity: Identity, signedOutAt: number | null = null): { session: Session; cookie: string } {
    const now = this.clock();
    const session: Session = {
      ...identity,
      sid: randomBytes(16).toString("base64url"),
      signedInAt: Math.max(now.getTime(), (signedOutAt ?? 0) + 1),
    };
    const value = signValue(this.keys, "session", session, new Date(now.getTime() + SESSION_MS));
    return {
      session,
      cookie: setCookie(this.name, value, { secure: this.secure, maxAge: SESSION_MS / 1000 }),
    };
  }

  /** The request's session; null when there is none, or it was changed, or its 12 hours are over. */
  read(req: IncomingMessage): Session | null {
    const session = openValue<Session>(this.keys, "session", readCookies(req).get(this.name), this.clock());
    if (!session || typeof session.sid !== "string" || typeof session.userId !== "string") return null;
    if (typeof session.signedInAt !== "number") return null;
    return session;
  }

  /** Whether the request carries a session cookie at all (an ended one is cleared). */
  present(req: IncomingMessage): boolean {
    return readCookies(req).has(this.name);
  }

  clear(): string {
    return clearCookie(this.name, this.secure);
  }
}
