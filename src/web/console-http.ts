// HTTP plumbing for the console: the security headers every response carries, HTML and redirect
// answers, and reading a small urlencoded form body.
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Scripts and styles from this origin only (no inline script, no CDN); chart data travels in
 * <script type="application/json">, which is never executed, so this policy allows it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

export type Headers = Record<string, string | string[]>;

export function sendHtml(res: ServerResponse, status: number, page: string, headers: Headers = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(page);
}

/** 303 so a POST is followed by a GET; `location` is a path on this site or Slack's authorize URL. */
export function redirect(res: ServerResponse, location: string, headers: Headers = {}, status = 303): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "cache-control": "no-store", location, ...headers });
  res.end();
}

export class BodyTooLargeError extends Error {
  readonly code = "body_too_large";
}

/** The form fields of an application/x-www-form-urlencoded body of at most `limit` bytes. */
export async function readForm(req: IncomingMessage, limit = 8_192): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`form body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
