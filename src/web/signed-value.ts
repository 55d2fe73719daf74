// Values the console hands the browser and must get back unchanged (the session, the sign-in state):
// JSON signed with HMAC-SHA256 under keys derived from one secret, each purpose with its own key,
// and an expiry inside the signed part so the server, not the browser, decides when it ends.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export type KeyPurpose = "session" | "sign-in" | "csrf";

/** One key per purpose, derived with HKDF-SHA256, so a value signed for one cannot pass as another. */
export class SigningKeys {
  private readonly keys: Record<KeyPurpose, Buffer>;

  constructor(secret: string) {
    const derive = (purpose: KeyPurpose) =>
      Buffer.from(hkdfSync("sha256", secret, "nudgebot admin console", purpose, 32));
    this.keys = { session: derive("session"), "sign-in": derive("sign-in"), csrf: derive("csrf") };
  }

  mac(purpose: KeyPurpose, text: string): string {
    return createHmac("sha256", this.keys[purpose]).update(text).digest("base64url");
  }
}

interface Envelope<T> {
  /** Milliseconds since the epoch after which the value is refused. */
  exp: number;
  data: T;
}

/** `payload.mac`, the payload being base64url JSON of `{ exp, data }`. */
export function signValue<T>(keys: SigningKeys, purpose: KeyPurpose, data: T, expiresAt: Date): string {
  const envelope: Envelope<T> = { exp: expiresAt.getTime(), data };
  const payload = Buffer.from(JSON.stringify(envelope)).toString("base64url");
  return `${payload}.${keys.mac(purpose, payload)}`;
}

/**
 * The data, when `value` was signed by these keys for `purpose` and has not expired at `now`;
 * null for anything else (changed, truncated, expired, signed for another purpose, not ours).
 */
export function openValue<T>(
  keys: SigningKeys,
  purpose: KeyPurpose,
  value: string | undefined,
  now: Date,
): T | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  if (!sameText(value.slice(dot + 1), keys.mac(purpose, payload))) return null;
  try {
    const envelope = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Envelope<T>;
    if (typeof envelope?.exp !== "number" || envelope.exp <= now.getTime()) return null;
    return envelope.data ?? null;
  } catch {
    return null;
  }
}

/** Constant-time comparison of two strings (different lengths are simply unequal). */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
