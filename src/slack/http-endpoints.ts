// The bot's own HTTP endpoints beside Slack's: GET /healthz (ok or unavailable, nothing more: the
// reason goes to the log) and GET /metrics (optionally behind a bearer token), and listening on a
// port with a start-up failure people can act on.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { StartupError } from "../errors.ts";
import type { Logger } from "../logging.ts";

export type HealthCheck = () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;

export async function healthHandler(health: HealthCheck, logger: Logger, res: ServerResponse): Promise<void> {
  const result = await health().catch((error: Error) => ({ ok: false, detail: { err: error } }));
  // Anyone who can reach the port can ask; what is wrong inside is for the operator's log only.
  if (!result.ok) logger.warn(result.detail, "health check failed: answering unavailable");
  res.writeHead(result.ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: result.ok ? "ok" : "unavailable" }));
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** True when the request carries `Authorization: Bearer <token>`; compared in constant time. */
export function hasBearer(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer (.+)$/i.exec(header.trim());
  // Hashing first gives both sides the same length, so the comparison time says nothing about the token.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

export function metricsHandler(
  registry: Registry | undefined,
  token: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!registry) return void res.writeHead(404).end();
  if (token && !hasBearer(req, token)) {
    res.writeHead(401, { "www-authenticate": 'Bearer realm="nudgebot metrics"' }).end();
    return;
  }
  void registry.metrics().then(
    (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
    () => res.writeHead(500).end(),
  );
}

/** Why a port could not be listened on, as one line naming the setting to change. */
export function listenFailure(error: unknown, setting: string, port: number): StartupError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EADDRINUSE")
    return new StartupError(`port ${port} is already in use: stop what uses it or set ${setting}`, {
      cause: error,
    });
  if (code === "EACCES")
    return new StartupError(`port ${port} needs privileges this process does not have: set ${setting}`, {
      cause: error,
    });
  return new StartupError(`cannot listen on port ${port} (${setting}): ${(error as Error).message}`, {
    cause: error,
  });
}

/** Listens on `port` (on every interface, or `host`); resolves to the port bound (0 picks a free one). */
export function listen(server: Server, port: number, setting: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(listenFailure(error, setting, port));
    server.once("error", onError);
    const listening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(address && typeof address === "object" ? address.port : port);
    };
    if (host) server.listen(port, host, listening);
    else server.listen(port, listening);
  });
}

/**
 * Stops listening and resolves once every connection is closed; with `graceMs`, requests still
 * running after that long have their connections closed, so a stop never waits on them for ever.
 */
export function closeServer(server: Server, graceMs?: number): Promise<void> {
  return new Promise((resolve) => {
    const grace = graceMs === undefined ? null : setTimeout(() => server.closeAllConnections(), graceMs);
    grace?.unref();
    server.close(() => {
      if (grace) clearTimeout(grace);
      resolve();
    });
    // Keep-alive connections would hold close() open until they time out.
    server.closeIdleConnections();
  });
}
