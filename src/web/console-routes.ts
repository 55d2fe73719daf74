// The admin console as one plain (req, res) handler for every /admin path: the page routes with
// the session and access checks, assets, sign-out (CSRF checked) and the sign-in routes of the way
// people sign in (Slack, or the demo's picker). Errors end on a plain page and in the log.
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
import { type Identity, type Session, Sessions } from "./session-cookie.ts";
import { SignInStates } from "./sign-in-state.ts";
import { SigningKeys } from "./signed-value.ts";
import {
  csrfRefusedPage,
  errorPage,
  forbiddenPage,
  notFoundPage,
  type StatusPageOptions,
  signedOutPage,
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
  signedIn(identity: Identity, returnTo: string, headers?: Headers): void;
}

/** A way of signing in: its routes, by "METHOD /admin/…". */
export type SignInRoutes = Record<string, (context: SignInContext) => Promise<void>>;

export interface ConsoleOptions {
  pages: ConsolePages;
  /** Who the signed-in person is to the bot: the same roles as in Slack. */
  viewerFor(identity: Identity): Promise<Viewer>;
  /** The secret the cookie keys are derived from. */
  secret: string;
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
  const { pages, logger } = options;
  const assets = { styles: pages.styles, scripts: pages.scripts };
  const base: StatusPageOptions = { assets, ...(options.demo ? { demo: true } : {}) };

  const withViewer = (session: Session, viewer: Viewer): StatusPageOptions => ({
    ...base,
    signedIn: { viewer, name: session.name, csrf: csrfToken(keys, session.sid) },
  });

  const signedIn = (res: ServerResponse, identity: Identity, returnTo: string, headers: Headers = {}) => {
    const { cookie } = sessions.start(identity);
    const extra = headers["set-cookie"] ?? [];
    redirect(res, returnTo, {
      ...headers,
      "set-cookie": [cookie, ...(Array.isArray(extra) ? extra : [extra])],
    });
    logger.info({ user: identity.userId }, "console sign-in");
  };

  async function page(req: IncomingMessage, res: ServerResponse, url: URL, id: PageId): Promise<void> {
    const session = sessions.read(req);
    if (!session) {
      // Not signed in, tampered with or expired: sign in again, then come back here.
      const back = encodeURIComponent(`${url.pathname}${url.search}`);
      const headers: Headers = sessions.present(req) ? { "set-cookie": sessions.clear() } : {};
      return redirect(res, `/admin/login?return=${back}`, headers);
    }
    const viewer = await options.viewerFor(session);
    const status = withViewer(session, viewer);
    if (!viewer.isAdmin && !viewer.isManager) {
      logger.info({ user: session.userId }, "console refused: neither admin nor manager");
      return sendHtml(res, 403, forbiddenPage({ ...status, name: session.name }));
    }
    const content = await pages.render(id, viewer, url.searchParams);
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
    const session = sessions.read(req);
    if (!csrfValid(keys, session, form.get(CSRF_FIELD))) {
      logger.warn({ signedIn: session !== null }, "console form refused: missing or wrong CSRF token");
      return sendHtml(res, 403, csrfRefusedPage(base));
    }
    logger.info({ user: session?.userId }, "console sign-out");
    redirect(res, "/admin/signed-out", { "set-cookie": sessions.clear() });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://console.invalid");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";
    const signInRoute = options.signIn[`${method} ${path}`];
    if (signInRoute) {
      const status = base;
      return signInRoute({
        req,
        res,
        url,
        states,
        session: sessions.read(req),
        status,
        signedIn: (identity, returnTo, headers) => signedIn(res, identity, returnTo, headers),
      });
    }
    if (method === "GET" && path === "/admin") return redirect(res, `/admin/${FIRST_PAGE}`, {}, 302);
    if (method === "GET" && path.startsWith("/admin/assets/"))
      return asset(res, path.slice("/admin/assets/".length), req);
    if (method === "POST" && path === "/admin/logout") return logout(req, res);
    if (method === "GET" && path === "/admin/signed-out") return sendHtml(res, 200, signedOutPage(base));
    const id = path.slice("/admin/".length);
    if (method === "GET" && path.startsWith("/admin/") && isPageId(id)) return page(req, res, url, id);
    sendHtml(res, 404, notFoundPage(base));
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) sendHtml(res, 413, csrfRefusedPage(base), { connection: "close" });
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
