// The console as `serve` runs it: Sign in with Slack, people matched to reps through the Slack
// directory, the pages from the bot. Off (every /admin path 404, one log line saying which
// variables to set) without SLACK_CLIENT_ID and SLACK_CLIENT_SECRET. No demo sign-in here.
import type { Config } from "../config/config.ts";
import type { Logger } from "../logging.ts";
import { makeViewer, type Viewer } from "../services/access.ts";
import type { Directory } from "../services/directory.ts";
import type { PipelineCache } from "../services/pipeline-cache.ts";
import type { ConsolePages } from "./console-pages.ts";
import { type ConsoleHandler, consoleOff, createConsoleHandler } from "./console-routes.ts";
import { SlackOidc } from "./oidc.ts";
import type { Identity } from "./session-cookie.ts";
import { CALLBACK_PATH, slackSignIn } from "./slack-sign-in.ts";

export interface SlackConsoleDeps {
  config: Config;
  logger: Logger;
  clock: () => Date;
  pages: ConsolePages;
  directory: Pick<Directory, "emailOfSignedIn">;
  pipeline: Pick<PipelineCache, "current">;
}

/** Roles as in Slack: the CRM user linked to the Slack account (or with its email), admins from the config. */
export function slackViewer(deps: SlackConsoleDeps): (identity: Identity) => Promise<Viewer> {
  return async (identity) => {
    const [email, view] = await Promise.all([
      deps.directory.emailOfSignedIn(identity.userId, identity.email),
      deps.pipeline.current("cached"),
    ]);
    return makeViewer(identity.userId, email?.toLowerCase() ?? null, view.snapshot.reps, deps.config.admins);
  };
}

export function slackConsole(deps: SlackConsoleDeps): ConsoleHandler {
  const { config } = deps;
  const logger = deps.logger.child({ component: "console" });
  const settings = config.console;
  if (!settings) {
    logger.info(
      "admin console off: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and CONSOLE_URL to serve it at /admin (see the README)",
    );
    return consoleOff;
  }
  const oidc = new SlackOidc({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    apiUrl: config.slack.apiUrl,
    redirectUri: `${settings.publicUrl}${CALLBACK_PATH}`,
  });
  logger.info({ url: `${settings.publicUrl}/admin` }, "admin console on");
  return createConsoleHandler({
    pages: deps.pages,
    viewerFor: slackViewer(deps),
    // Keys derived from the client secret: replicas agree without another setting; rotating it signs everyone out.
    secret: settings.clientSecret,
    secure: settings.publicUrl.startsWith("https:"),
    clock: deps.clock,
    logger,
    signIn: slackSignIn(oidc, settings.publicUrl, logger),
  });
}
