// The Bolt app: Socket Mode with an app token, else HTTP on PORT (POST /slack/events, signature
// checked by Bolt) with GET /healthz; the Web API client leaves retrying to the outbox.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { App, LogLevel } from "@slack/bolt";
import type { Registry } from "prom-client";
import type { Config } from "../config/config.ts";
import { boltLogger, type Logger } from "../logging.ts";
import { registerListeners } from "./listeners/index.ts";
import type { ListenerServices } from "./listeners/services.ts";
import { WEB_CLIENT_OPTIONS } from "./slack-api.ts";
import { noticeMessage } from "./views/command-blocks.ts";

export type HealthCheck = () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  services: ListenerServices;
  health: HealthCheck;
  /** Prometheus registry served on GET /metrics. */
  metrics?: Registry;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually listened on (HTTP mode or the Socket Mode health server). */
  port: number;
  stop(): Promise<void>;
}

async function healthHandler(health: HealthCheck, res: ServerResponse) {
  const result = await health().catch((error: Error) => ({ ok: false, detail: { error: error.message } }));
  res.writeHead(result.ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: result.ok ? "ok" : "unavailable", ...result.detail }));
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, logger, services, health, metrics } = options;
  const metricsHandler = (res: ServerResponse) => {
    if (!metrics) return void res.writeHead(404).end();
    void metrics.metrics().then(
      (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  };
  const socketMode = Boolean(config.slack.appToken);
  const common = {
    token: config.slack.botToken,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    clientOptions: { slackApiUrl: config.slack.apiUrl, ...WEB_CLIENT_OPTIONS },
    extendedErrorHandler: true,
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
            handler: (_req: IncomingMessage, res: ServerResponse) => void healthHandler(health, res),
          },
          {
            path: "/metrics",
            method: ["GET"],
            handler: (_req: IncomingMessage, res: ServerResponse) => metricsHandler(res),
          },
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

  let healthServer: Server | null = null;
  let port = config.port;
  if (socketMode) {
    await app.start();
    healthServer = createServer((req, res) => {
      if (req.method === "GET" && req.url === "/healthz") void healthHandler(health, res);
      else if (req.method === "GET" && req.url === "/metrics") metricsHandler(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => healthServer?.listen(config.port, resolve));
  } else {
    const server = (await app.start(config.port)) as Server;
    const address = server.address();
    if (address && typeof address === "object") port = address.port;
  }
  const server = healthServer;
  if (server) {
    const address = server.address();
    if (address && typeof address === "object") port = address.port;
  }
  logger.info({ mode: socketMode ? "socket" : "http", port }, "slack app started");
  return {
    app,
    port,
    stop: async () => {
      await app.stop();
      if (server) await new Promise((resolve) => server.close(resolve));
      await Promise.allSettled([...inFlight]);
    },
  };
}
