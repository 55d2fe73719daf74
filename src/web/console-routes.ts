// The admin console as one plain (req, res) handler for every /admin path: the page routes with
// the session and access checks, assets, sign-out (CSRF checked, ended on the server too) and the
// sign-in routes of the way people sign in (Slack, or the demo's picker), limited per address.
// HEAD is answered wherever GET is. Errors end on a plain page and in the log.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logging.ts";
import type { Viewer } from "../services/access.ts";
import {
  BodyTooLargeError,
  type Headers,
  readForm,
  redirect,
  SECURITY_HEADERS,
  sendHtml,
} from "./console-http.ts";
import { CONSOLE_PAGES, type ConsolePages, isPageId, type PageId } from "./console-pages.ts";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
import { frame } from "./layout.ts";
import { RateLimiter } from "./rate-limit.ts";
import { type Identity, type Session, Sessions } from "./session-cookie.ts";
import { SignInStates } from "./sign-in-state.ts";
import { type ConsoleSettings, SignOuts } from "./sign-outs.ts";
import { SigningKeys } from "./signed-value.ts";
import {
  adminsOnlyPage,
  crmNotReadPage,
  csrfRefusedPage,
  errorPage,
  forbiddenPage,
  formTooLargePage,
  notFoundPage,
  type StatusPageOptions,
  signedOutPage,
  tooManySignInsPage,
} from "./status-pages.ts";

export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What a sign-in route gets: the request, and how to end a sign-in. */
export interface SignInContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  states: SignInStates;
  /** The session of the request, when one is valid. */
  session: Session | null;
  status: StatusPageOptions;
  /** Starts a session for `identity` and sends the browser to `returnTo`. */
  signedIn(identity: Identity, returnTo: string, headers?: Headers): Promise<void>;
}

/** A way of signing in: its routes, by "METHOD /admin/…". */
export type SignInRoutes = Record<string, (context: SignInContext) => Promise<void>>;

export interface ConsoleOptions {
  pages: ConsolePages;
  /**
   * Who the signed-in person is to the bot: the same roles as in Slack; null while that cannot be
   * known yet (the CRM not read since start-up).
   */
  viewerFor(identity: Identity): Promise<Viewer | null>;
  /** The secret the cookie keys are derived from (CONSOLE_SESSION_SECRET; the demo's own). */
  secret: string;
  /** Where sign-outs are kept. */
  settings: ConsoleSettings;
  /** Cookies are marked Secure (the public address is https). */
  secure: boolean;
  clock: () => Date;
  logger: Logger;
  signIn: SignInRoutes;
  /** Show the demo banner on every page. */
  demo?: boolean;
}

const FIRST_PAGE: PageId = CONSOLE_PAGES[0].id;
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export function createConsoleHandler(options: ConsoleOptions): ConsoleHandler {
  const keys = new SigningKeys(options.secret);
  const sessions = new Sessions(keys, options.secure, options.clock);
  const states = new SignInStates(keys, options.secure, options.clock);
  const signOuts = new SignOuts(options.settings, options.clock);
  const signInRate = new RateLimiter();
  const { pages, logger } = options;
  const assets = { styles: pages.styles, scripts: pages.scripts };
  const base: StatusPageOptions = { assets, ...(options.demo ? { demo: true } : {}) };

  const withViewer = (session: Session, viewer: Viewer): StatusPageOptions => ({
    ...base,
    signedIn: { viewer, name: session.name, csrf: csrfToken(keys, session.sid) },
  });

  /** The request's session: signed, unexpired and not ended by a sign-out since (one store read). */
  const sessionOf = async (req: IncomingMessage): Promise<Session | null> => {
    const session = sessions.read(req);
    if (!session) return null;
    return (await signOuts.ended(session.userId, session.signedInAt)) ? null : session;
  };

  const signedIn = async (
    res: ServerResponse,
    identity: Identity,
    returnTo: string,
    headers: Headers = {},
  ) => {
    const { cookie } = sessions.start(identity, await signOuts.lastSignOut(identity.userId));
    const extra = headers["set-cookie"] ?? [];
    redirect(res, returnTo, {
      ...headers,
      "set-cookie": [cookie, ...(Array.isArray(extra) ? extra : [extra])],
    });
    logger.info({ user: identity.userId }, "console sign-in");
  };

  async function page(req: IncomingMessage, res: ServerResponse, url: URL, id: PageId): Promise<void> {
    const session = await sessionOf(req);
    if (!session) {
      // Not signed in, tampered with, expired or signed out: sign in again, then come back here.
      const back = encodeURIComponent(`${url.pathname}${url.search}`);
      const headers: Headers = sessions.present(req) ? { "set-cookie": sessions.clear() } : {};
      return redirect(res, `/admin/login?return=${back}`, headers);
    }
    const viewer = await options.viewerFor(session);
    if (!viewer) return sendHtml(res, 503, crmNotReadPage(base), { "retry-after": "60" });
    const status = withViewer(session, viewer);
    if (!viewer.isAdmin && !viewer.isManager) {
      logger.info({ user: session.userId }, "console refused: neither admin nor manager");
      return sendHtml(res, 403, forbiddenPage({ ...status, name: session.name }));
    }
    const content = await pages.render(id, viewer, url.searchParams, { csrf: status.signedIn?.csrf ?? "" });
    const signedInAs = status.signedIn as NonNullable<StatusPageOptions["signedIn"]>;
    sendHtml(
      res,
      200,
      frame({ ...base, title: content.title, body: content.body, current: id, signedIn: signedInAs }),
    );
  }

  function asset(res: ServerResponse, name: string, req: IncomingMessage): void {
    const found = ASSET_NAME.test(name) ? pages.asset(name) : undefined;
    if (!found) {
      sendHtml(res, 404, notFoundPage(base));
      return;
    }
    const etag = etagOf(found.body);
    const headers = {
      ...SECURITY_HEADERS,
      "content-type": found.contentType,
      "cache-control": "public, max-age=3600",
      etag,
    };
    if (req.headers["if-none-match"] === etag) res.writeHead(304, headers).end();
    else res.writeHead(200, headers).end(found.body);
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const session = await sessionOf(req);
    const signedOut = { "set-cookie": sessions.clear() };
    // No live session (none, expired, already signed out): nothing to end but the cookie.
    if (!session) return redirect(res, "/admin/signed-out", signedOut);
    if (!csrfValid(keys, session, form.get(CSRF_FIELD))) {
      logger.warn({ user: session.userId }, "console form refused: missing or wrong CSRF token");
      return sendHtml(res, 403, csrfRefusedPage(base));
    }
    await signOuts.signOut(session.userId);
    logger.info({ user: session.userId }, "console sign-out: every session of this person ended");
    redirect(res, "/admin/signed-out", signedOut);
  }

  /** A page's form: CSRF checked, then the page decides (only admins change anything); back to the page. */
  async function act(req: IncomingMessage, res: ServerResponse, id: PageId, action: string): Promise<void> {
    const form = await readForm(req);
    const session = await sessionOf(req);
    if (!session || !csrfValid(keys, session, form.get(CSRF_FIELD))) {
      logger.warn(
        { user: session?.userId ?? null, page: id, action },
        "console form refused: missing or wrong CSRF token",
      );
      return sendHtml(res, 403, csrfRefusedPage(base));
    }
    const viewer = await options.viewerFor(session);
    if (!viewer) return sendHtml(res, 503, crmNotReadPage(base), { "retry-after": "60" });
    const status = withViewer(session, viewer);
    const outcome = pages.act ? await pages.act(id, action, viewer, form) : "invalid";
    if (outcome === "forbidden") return sendHtml(res, 403, adminsOnlyPage(status));
    if (outcome === "invalid") return sendHtml(res, 404, notFoundPage(status));
    redirect(res, `/admin/${id}`);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://console.invalid");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    // HEAD is GET without the body (Node leaves the body out).
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    const signInRoute = options.signIn[`${method} ${path}`];
    if (signInRoute) {
      const address = req.socket.remoteAddress ?? "unknown";
      // Each route counted on its own, in real time (the bot's clock may be pinned by NUDGEBOT_NOW).
      if (!signInRate.allow(`${path} ${address}`, Date.now())) {
        logger.warn({ address, path }, "console sign-in refused: too many from this address");
        return sendHtml(res, 429, tooManySignInsPage(base), { "retry-after": "60" });
      }
      return signInRoute({
        req,
        res,
        url,
        states,
        session: await sessionOf(req),
        status: base,
        signedIn: (identity, returnTo, headers) => signedIn(res, identity, returnTo, headers),
      });
    }
    if (method === "GET" && path === "/admin") return redirect(res, `/admin/${FIRST_PAGE}`, {}, 302);
    if (method === "GET" && path.startsWith("/admin/assets/"))
      return asset(res, path.slice("/admin/assets/".length), req);
    if (method === "POST" && path === "/admin/logout") return logout(req, res);
    if (method === "GET" && path === "/admin/signed-out") return sendHtml(res, 200, signedOutPage(base));
    const id = path.slice("/admin/".length);
    const [formPage, formAction, ...extra] = id.split("/");
    if (method === "POST" && formPage && isPageId(formPage) && formAction && extra.length === 0)
      return act(req, res, formPage, formAction);
    if (method === "GET" && path.startsWith("/admin/") && isPageId(id)) return page(req, res, url, id);
    sendHtml(res, 404, notFoundPage(base));
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        logger.warn({ path: req.url?.split("?")[0] }, "console form refused: body too large");
        if (!res.headersSent) sendHtml(res, 413, formTooLargePage(base), { connection: "close" });
        return;
      }
      logger.error({ err: error, path: req.url?.split("?")[0] }, "console page failed");
      if (!res.headersSent) sendHtml(res, 500, errorPage(base));
      else res.end();
    }
  };
}

const etags = new WeakMap<object, string>();
const etagOf = (body: Buffer | string): string => {
  const key = typeof body === "string" ? null : body;
  const known = key ? etags.get(key) : undefined;
  if (known) return known;
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  if (key) etags.set(key, etag);
  return etag;
};

/** Every /admin path when the console is off: 404, nothing else said. */
export const consoleOff: ConsoleHandler = async (_req, res) => {
  res.writeHead(404, { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
};
