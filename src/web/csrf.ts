// CSRF tokens for the console's forms: an HMAC of the session's random id, so a token is valid for
// one session only and needs no storage; every POST must bring it back in the `csrf` field.
import type { Session } from "./session-cookie.ts";
import { type SigningKeys, sameText } from "./signed-value.ts";

export const CSRF_FIELD = "csrf";

export const csrfToken = (keys: SigningKeys, sessionId: string): string => keys.mac("csrf", sessionId);

/** True when `token` is the one issued for this session. */
export function csrfValid(keys: SigningKeys, session: Pick<Session, "sid"> | null, token: unknown): boolean {
  if (!session || typeof token !== "string" || token === "") return false;
  return sameText(token, csrfToken(keys, session.sid));
}
