// `nudgebot demo --history --serve`: after the history demo, the admin console on the sample and the
// demo database, on 127.0.0.1 only, with the demo's sign-in (pick the sample admin or a manager)
// and its banner on every page. Only requests naming it by its own address (Host 127.0.0.1:<port> or
// localhost:<port>) are answered, so a page of another site cannot reach it by DNS rebinding.
// Ctrl-C (SIGINT) or SIGTERM stops it and closes the database.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { type App, runningFrom } from "../../app.ts";
import { makeViewer } from "../../services/access.ts";
import { PipelineCache } from "../../services/pipeline-cache.ts";
import { workingDayCounter } from "../../services/report-working-days.ts";
import { StatsService } from "../../services/stats.ts";
import { closeServer, listen } from "../../slack/http-endpoints.ts";
import { SAMPLE_NOW, sampleSource } from "../../sources/sample/sample-source.ts";
import { createConsoleHandler } from "../../web/console-routes.ts";
import { demoPeople, demoSignIn } from "../../web/demo-sign-in.ts";
import { createConsolePages } from "../../web/pages/index.ts";
import type { Output } from "../output.ts";
import { DEMO_DATABASE } from "./demo.ts";
import { DEMO_HOLDOUT } from "./demo-history.ts";

/** Loopback only: the demo sign-in lets anyone be the admin, so nobody else may reach it. */
export const DEMO_HOST = "127.0.0.1";

export interface DemoConsoleOptions {
  /** Where SIGINT and SIGTERM come from: the process. */
  events?: NodeJS.EventEmitter;
}

export async function demoConsole(
  app: App,
  output: Output,
  options: DemoConsoleOptions = {},
): Promise<number> {
  const { config } = app;
  const events = options.events ?? process;
  const logger = app.logger.child({ component: "console" });
  const clock = runningFrom(config.fixedNow ?? SAMPLE_NOW);
  const store = await app.openStore({ kind: "sqlite", file: DEMO_DATABASE });
  try {
    const pipeline = new PipelineCache({
      source: sampleSource(),
      settings: config.rules,
      defaultTimezone: config.defaultTimezone,
      logger: logger.child({ component: "pipeline" }),
      clock,
    });
    const { snapshot } = await pipeline.current();
    const reps = snapshot.reps;
    const stats = new StatsService({
      store,
      clock,
      defaultTimezone: config.defaultTimezone,
      workingDays: workingDayCounter(config, () => pipeline.lastRead()?.reps ?? reps),
      // The history was played with the demo's holdout, whatever the configuration says.
      holdout: DEMO_HOLDOUT,
    });
    const people = demoPeople(reps);
    const roles = new Map(reps.map((rep) => [rep.email.toLowerCase(), rep.role]));
    const handler = createConsoleHandler({
      pages: createConsolePages({ store, stats, pipeline, config, clock }),
      viewerFor: async (identity) =>
        makeViewer(identity.userId, identity.email, pipeline.lastRead()?.reps ?? reps, config.admins),
      // A fresh secret each run: a demo session never outlives the demo.
      secret: randomBytes(32).toString("hex"),
      secure: false,
      settings: store,
      clock,
      logger,
      signIn: demoSignIn(people, roles),
      demo: true,
    });
    let hosts = new Set<string>();
    const server = createServer((req, res) => {
      if (!hosts.has((req.headers.host ?? "").toLowerCase())) {
        return void res
          .writeHead(421, { "content-type": "text/plain; charset=utf-8", connection: "close" })
          .end("Misdirected request: open the console at the address the demo printed.\n");
      }
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (path === "/" || path === "") return void res.writeHead(302, { location: "/admin" }).end();
      if (path === "/admin" || path.startsWith("/admin/")) return void handler(req, res);
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
    });
    const port = await listen(server, config.port, "PORT", DEMO_HOST);
    hosts = new Set([`${DEMO_HOST}:${port}`, `localhost:${port}`]);
    output.err(`Admin console (demo sign-in): http://${DEMO_HOST}:${port}/admin (Ctrl-C stops it)`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        events.off("SIGINT", stop);
        events.off("SIGTERM", stop);
        resolve();
      };
      events.on("SIGINT", stop);
      events.on("SIGTERM", stop);
    });
    await closeServer(server, 2_000);
    output.err("Console stopped.");
    return 0;
  } finally {
    await store.close();
  }
}
