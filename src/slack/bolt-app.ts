// The Bolt app: Socket Mode with an app token, else HTTP on PORT (POST /slack/events, signature
// checked by Bolt) with GET /healthz and GET /metrics (or /metrics alone on METRICS_PORT); the Web API
// client leaves retrying to the outbox. Starting checks the bot token first, retrying while Slack is
// out of reach, and leaves nothing listening when any step fails.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { App, LogLevel } from "@slack/bolt";
import type { Registry } from "prom-client";
import type { Config } from "../config/config.ts";
import { METRICS_REFUSED_NOTE, metricsExposure } from "../config/serve-checks.ts";
import { StartupCancelledError, StartupError } from "../errors.ts";
import { boltLogger, type Logger } from "../logging.ts";
import {
  closeServer,
  type HealthCheck,
  healthHandler,
  listen,
  listenFailure,
  metricsHandler,
} from "./http-endpoints.ts";
import { registerListeners } from "./listeners/index.ts";
import type { ListenerServices } from "./listeners/services.ts";
import { WEB_CLIENT_OPTIONS } from "./slack-api.ts";
import { classifySlackError } from "./slack-errors.ts";
import { type BotWorkspace, verifyBotToken } from "./verify-bot-token.ts";
import { noticeMessage } from "./views/command-blocks.ts";

export type { HealthCheck };

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  services: ListenerServices;
  health: HealthCheck;
  /** Prometheus registry served on GET /metrics. */
  metrics?: Registry;
  /**
   * Makes what serves every /admin path (the admin console, or 404 when it is off), once auth.test
   * has said which workspace the bot belongs to: the console signs in people of that one only.
   */
  console?: (workspace: BotWorkspace) => ConsoleRequestHandler;
  /** Aborted when a stop is asked for during start-up: starting gives up and cleans up. */
  signal?: AbortSignal;
}

export type ConsoleRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** How long a console request may go on once a stop is asked for before its connection is closed. */
export const CONSOLE_STOP_GRACE_MS = 2_000;

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually listened on (HTTP mode or the Socket Mode health server). */
  port: number;
  /** The port /metrics is served on when METRICS_PORT moves it off the main port. */
  metricsPort: number | null;
  stop(): Promise<void>;
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, logger, services, metrics } = options;
  const metricsToken = config.metrics.token;
  // With METRICS_PORT, /metrics lives only there (e.g. a port the load balancer does not expose);
  // beside the console, whose port people reach, it answers on PORT only with METRICS_TOKEN.
  const exposure = metricsExposure(config);
  const health = (res: ServerResponse) => void healthHandler(options.health, logger, res);
  const serveMetrics = (req: IncomingMessage, res: ServerResponse) => {
    if (exposure === "own-port") return void res.writeHead(404).end();
    if (exposure === "refused")
      return void res
        .writeHead(403, { "content-type": "text/plain; charset=utf-8" })
        .end(`${METRICS_REFUSED_NOTE}\n`);
    metricsHandler(metrics, metricsToken, req, res);
  };
  const socketMode = Boolean(config.slack.appToken);
  // Set once the token is verified; nothing listens before that.
  let consoleHandler: ConsoleRequestHandler | null = null;
  const serveConsole = (req: IncomingMessage, res: ServerResponse) => {
    if (!consoleHandler) return void res.writeHead(404).end();
    void consoleHandler(req, res).catch((error: Error) => {
      logger.error({ err: error }, "admin console request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const common = {
    token: config.slack.botToken,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    clientOptions: { slackApiUrl: config.slack.apiUrl, ...WEB_CLIENT_OPTIONS },
    extendedErrorHandler: true,
    // auth.test runs in verifyBotToken, where a failure can be retried rather than left unhandled.
    deferInitialization: true,
  };
  const app = socketMode
    ? new App({
        ...common,
        socketMode: true,
        appToken: config.slack.appToken,
        // Socket Mode opens its connection with a client of its own: point it at SLACK_API_URL too.
        installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } },
      })
    : new App({
        ...common,
        signingSecret: config.slack.signingSecret ?? "",
        customRoutes: [
          {
            path: "/healthz",
            method: ["GET"],
            handler: (_req: IncomingMessage, res: ServerResponse) => health(res),
          },
          { path: "/metrics", method: ["GET"], handler: serveMetrics },
          // HEAD wherever GET is: Node answers it without a body.
          { path: CONSOLE_ROUTE, method: ["GET", "HEAD", "POST"], handler: serveConsole },
        ],
      });

  app.error(async ({ error, body }: { error: Error; body?: unknown }) => {
    logger.error(
      { err: error, type: (body as { type?: string } | undefined)?.type },
      "slack listener failed",
    );
    const responseUrl = (body as { response_url?: string } | undefined)?.response_url;
    if (responseUrl) {
      const reply = noticeMessage(
        "Sorry, something went wrong on my side. Try again in a minute; if it keeps happening, tell your admin.",
      );
      await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...reply }),
      }).catch((failure: Error) =>
        logger.warn({ err: failure }, "could not tell the user about the failure"),
      );
    }
  });

  // Listener work often goes on after the ack; stop() waits for it so nothing is cut off mid-way.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerListeners(app, services);

  // Each step adds how to undo it, so a failure or a stop at any point leaves nothing running.
  const undo: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const step of undo.splice(0).reverse()) await step().catch(() => {});
    await Promise.allSettled([...inFlight]);
  };
  const cancelled = () => {
    if (options.signal?.aborted) throw new StartupCancelledError();
  };
  let port = config.port;
  let metricsPort: number | null = null;
  try {
    const workspace = await verifyBotToken(app, {
      logger: logger.child({ component: "slack" }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    consoleHandler = options.console ? options.console(workspace) : null;
    cancelled();
    if (socketMode) {
      const healthServer = createServer((req, res) => {
        if (req.method === "GET" && req.url === "/healthz") health(res);
        else if (req.method === "GET" && req.url === "/metrics") serveMetrics(req, res);
        else if (isConsolePath(req.url)) serveConsole(req, res);
        else res.writeHead(404).end();
      });
      port = await listen(healthServer, config.port, "PORT");
      undo.push(() => closeServer(healthServer, CONSOLE_STOP_GRACE_MS));
      cancelled();
      undo.push(() => app.stop());
      await startSocketMode(app, options.signal);
    } else {
      const server = (await app.start(config.port).catch((error: unknown) => {
        throw listenFailure(error, "PORT", config.port);
      })) as Server;
      undo.push(async () => {
        // A console request still running (e.g. waiting on the store) must not hold the stop.
        const grace = setTimeout(() => server.closeAllConnections(), CONSOLE_STOP_GRACE_MS);
        grace.unref();
        try {
          await app.stop();
        } finally {
          clearTimeout(grace);
        }
      });
      const address = server.address();
      if (address && typeof address === "object") port = address.port;
    }
    cancelled();
    if (config.metrics.port != null) {
      const metricsServer = createServer((req, res) => {
        if (req.method === "GET" && req.url === "/metrics") metricsHandler(metrics, metricsToken, req, res);
        else res.writeHead(404).end();
      });
      metricsPort = await listen(metricsServer, config.metrics.port, "METRICS_PORT");
      undo.push(() => closeServer(metricsServer));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  logger.info({ mode: socketMode ? "socket" : "http", port, metricsPort }, "slack app started");
  return { app, port, metricsPort, stop: stopAll };
}

/** /admin and everything under it (path-to-regexp syntax, as Bolt matches custom routes). */
const CONSOLE_ROUTE = "/admin{/*rest}";

function isConsolePath(url: string | undefined): boolean {
  const path = (url ?? "").split("?")[0] ?? "";
  return path === "/admin" || path.startsWith("/admin/");
}

/**
 * Socket Mode's client retries its connection by itself (network trouble) for a long time: a stop
 * during it must not wait. What it gives up on (a refused app token) is one line naming the token.
 */
async function startSocketMode(app: App, signal: AbortSignal | undefined): Promise<void> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new StartupCancelledError());
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([app.start(), aborted]);
  } catch (error) {
    if (error instanceof StartupCancelledError) throw error;
    const failure = classifySlackError(error);
    throw new StartupError(
      failure.kind === "permanent" && !failure.detail.startsWith("HTTP ")
        ? `Slack refused the app-level token (${failure.detail}): check SLACK_APP_TOKEN (xapp-…, with connections:write)`
        : `cannot open the Socket Mode connection (${failure.detail}): check SLACK_API_URL and the network`,
      { cause: error },
    );
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
