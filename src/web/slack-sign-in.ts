// The sign-in routes of the real console: /admin/login leaves for Slack with state, nonce and PKCE
// remembered in a signed cookie; /admin/auth/callback checks them, exchanges the code and starts the
// session. A refused sign-in says so in plain words and logs why.
import type { Logger } from "../logging.ts";
import { redirect, sendHtml } from "./console-http.ts";
import type { SignInContext, SignInRoutes } from "./console-routes.ts";
import { SignInError, type SlackOidc } from "./oidc.ts";
import { safeReturnPath } from "./sign-in-state.ts";
import { signInFailedPage } from "./status-pages.ts";

export const CALLBACK_PATH = "/admin/auth/callback";

export function slackSignIn(oidc: SlackOidc, publicUrl: string, logger: Logger): SignInRoutes {
  return {
    "GET /admin/login": async ({ res, url, states, session }: SignInContext) => {
      const returnTo = safeReturnPath(url.searchParams.get("return"));
      if (session) return redirect(res, returnTo, {}, 302);
      const start = await oidc.start();
      const cookie = states.remember({
        state: start.state,
        nonce: start.nonce,
        verifier: start.verifier,
        returnTo,
      });
      redirect(res, start.url.href, { "set-cookie": cookie }, 302);
    },

    [`GET ${CALLBACK_PATH}`]: async ({ req, res, url, states, status, signedIn }: SignInContext) => {
      const clear = { "set-cookie": states.clear() };
      const refuse = (message: string, reason: string) => {
        logger.warn({ reason }, "console sign-in refused");
        sendHtml(res, 400, signInFailedPage(status, message), clear);
      };
      const denied = url.searchParams.get("error");
      if (denied) return refuse("Slack did not sign you in (the sign-in was cancelled or refused).", denied);
      const remembered = states.consume(req, url.searchParams.get("state"));
      if (!remembered)
        return refuse(
          "This sign-in link is no longer valid: it was used already, it expired, or it was started in another browser.",
          "unknown, used or expired state",
        );
      try {
        // Slack sent the browser to CONSOLE_URL: build the URL from it, not from Host headers.
        const callback = new URL(`${CALLBACK_PATH}${url.search}`, publicUrl);
        const identity = await oidc.finish(callback, remembered);
        await signedIn(identity, safeReturnPath(remembered.returnTo), clear);
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        refuse(error.message, error.reason);
      }
    },
  };
}
