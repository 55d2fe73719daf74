// Reading the Cookie header and writing Set-Cookie for the console's cookies: always HttpOnly and
// SameSite=Lax. Over https they are `__Host-` cookies (Secure, Path=/, no Domain), which a sibling
// subdomain or a plain-http page cannot set or overwrite; over http (loopback only) they keep their
// plain names, scoped to /admin.
import type { IncomingMessage } from "node:http";

export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    // The first of two cookies with one name wins, as browsers send the most specific path first.
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The name a console cookie goes by: `__Host-<base>` when the console is served over https. */
export const cookieName = (base: string, secure: boolean): string => (secure ? `__Host-${base}` : base);

export interface CookieOptions {
  secure: boolean;
  /** Seconds the browser keeps it; 0 deletes it. */
  maxAge: number;
}

export function setCookie(name: string, value: string, options: CookieOptions): string {
  const attributes = [
    `${name}=${value}`,
    // __Host- cookies must have Path=/ (and Secure, and no Domain) or the browser drops them.
    options.secure ? "Path=/" : "Path=/admin",
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}

export const clearCookie = (name: string, secure: boolean): string =>
  setCookie(name, "", { secure, maxAge: 0 });
