// The console as `serve` runs it: Sign in with Slack for the bot's own workspace, people matched to
// reps through the Slack directory, the pages from the bot. Off (every /admin path 404, one log line
// saying which variables to set) without the console variables. No demo sign-in here.
import type { Config } from "../config/config.ts";
import type { Logger } from "../logging.ts";
import { makeViewer, type Viewer } from "../services/access.ts";
import type { Directory } from "../services/directory.ts";
import type { KnownReps } from "../services/known-reps.ts";
import type { BotWorkspace } from "../slack/verify-bot-token.ts";
import type { ConsolePages } from "./console-pages.ts";
import { type ConsoleHandler, consoleOff, createConsoleHandler } from "./console-routes.ts";
import { SlackOidc } from "./oidc.ts";
import type { Identity } from "./session-cookie.ts";
import type { ConsoleSettings } from "./sign-outs.ts";
import { CALLBACK_PATH, slackSignIn } from "./slack-sign-in.ts";

export interface SlackConsoleDeps {
  config: Config;
  logger: Logger;
  clock: () => Date;
  pages: ConsolePages;
  directory: Pick<Directory, "emailOfSignedIn">;
  /** The CRM's reps as last read, or as kept in the store from before a restart. */
  reps: Pick<KnownReps, "current">;
  /** Where sign-outs are kept (the store's settings), so they hold on every replica. */
  settings: ConsoleSettings;
}

/**
 * Roles as in Slack: the CRM user linked to the Slack account (or with its email), admins from the
 * config. The CRM's users are those of the last read, or those a read before a restart kept in the
 * store. Null when neither has any (a bot that never read its CRM): nobody's role is known, and a
 * page does not start a CRM read (a slow CRM would hold it) but says so.
 */
export function slackViewer(deps: SlackConsoleDeps): (identity: Identity) => Promise<Viewer | null> {
  return async (identity) => {
    const email = await deps.directory.emailOfSignedIn(identity.userId, identity.email);
    const known = await deps.reps.current();
    const viewer = makeViewer(
      identity.userId,
      email?.toLowerCase() ?? null,
      known?.reps ?? [],
      deps.config.admins,
    );
    return known || viewer.isAdmin ? viewer : null;
  };
}

/** What serves /admin once auth.test has named the bot's workspace: sign-ins are tied to it. */
export function slackConsole(deps: SlackConsoleDeps): (workspace: BotWorkspace) => ConsoleHandler {
  const { config } = deps;
  const logger = deps.logger.child({ component: "console" });
  const settings = config.console;
  // Said at once, before Slack is reached: whether the console is on does not depend on it.
  if (!settings) {
    logger.info(
      "admin console off: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, CONSOLE_URL and CONSOLE_SESSION_SECRET to serve it at /admin (see the README)",
    );
    return () => consoleOff;
  }
  logger.info({ url: `${settings.publicUrl}/admin` }, "admin console on");
  return ({ teamId }) => {
    const oidc = new SlackOidc({
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      apiUrl: config.slack.apiUrl,
      redirectUri: `${settings.publicUrl}${CALLBACK_PATH}`,
      teamId,
    });
    return createConsoleHandler({
      pages: deps.pages,
      viewerFor: slackViewer(deps),
      // A secret of its own, not the client secret Slack and the app's collaborators also hold.
      secret: settings.sessionSecret,
      secure: settings.publicUrl.startsWith("https:"),
      clock: deps.clock,
      logger,
      settings: deps.settings,
      signIn: slackSignIn(oidc, settings.publicUrl, logger),
    });
  };
}
