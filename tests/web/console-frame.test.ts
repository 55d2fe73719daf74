// The console handler around any pages: a failing page ends on a plain 500 page (the error in the
// log, no stack in the answer), assets are served with their type and cache headers, and names
// and titles are escaped in the frame.
import { createServer, type Server } from "node:http";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../../src/services/access.ts";
import type { ConsolePages } from "../../src/web/console-pages.ts";
import { createConsoleHandler, type SignInRoutes } from "../../src/web/console-routes.ts";
import { html } from "../../src/web/html.ts";
import { Sessions } from "../../src/web/session-cookie.ts";
import { SigningKeys } from "../../src/web/signed-value.ts";
import { rep } from "../helpers/builders.ts";

const SECRET = "frame-test-secret";
const NOW = new Date("2026-03-10T15:00:00Z");
const servers: Server[] = [];

/** Settings kept in memory, as the store keeps them. */
const noSettings = () => {
  const values = new Map<string, string>();
  return {
    getSetting: async (key: string) => values.get(key) ?? null,
    setSetting: async (key: string, value: string) => void values.set(key, value),
  };
};
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const admin = (name: string): Viewer => ({
  userId: "UOPS",
  email: "ops@example.com",
  rep: rep({ email: "ops@example.com", name, role: "admin" }),
  isAdmin: true,
  isManager: false,
});

async function serve(pages: ConsolePages, viewer: Viewer) {
  const logged: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const noSignIn: SignInRoutes = {};
  const handler = createConsoleHandler({
    pages,
    viewerFor: async () => viewer,
    secret: SECRET,
    secure: false,
    clock: () => NOW,
    logger,
    settings: noSettings(),
    signIn: noSignIn,
  });
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
  const { cookie } = new Sessions(new SigningKeys(SECRET), false, () => NOW).start({
    userId: viewer.userId,
    email: viewer.email,
    name: viewer.rep?.name ?? null,
  });
  return { base, cookie: cookie.split(";")[0] ?? "", logged };
}

const pagesWith = (overrides: Partial<ConsolePages>): ConsolePages => ({
  styles: ["console.css"],
  scripts: ["charts.js"],
  asset: () => undefined,
  render: async (page) => ({ title: page, body: html`<p>ok</p>` }),
  ...overrides,
});

describe("the console frame and handler", () => {
  it("answers a page that fails with a plain 500 page; the error goes to the log only", async () => {
    const failing = pagesWith({
      render: async () => {
        throw new Error("store exploded at /secret/path.ts:12");
      },
    });
    const { base, cookie, logged } = await serve(failing, admin("Olga Ops"));
    const answer = await fetch(`${base}/admin/team`, { headers: { cookie } });
    const text = await answer.text();
    expect(answer.status).toBe(500);
    expect(text).toContain("The console could not show this page.");
    expect(text).not.toMatch(/exploded|secret\/path|at .*\.ts/);
    expect(answer.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(logged.find((line) => line.msg === "console page failed")).toMatchObject({
      err: { message: "store exploded at /secret/path.ts:12" },
      path: "/admin/team",
    });
  });

  it("links the pages' stylesheets and deferred scripts from /admin/assets and escapes names", async () => {
    const { base, cookie } = await serve(
      pagesWith({ render: async () => ({ title: "<b>Team</b>", body: html`<p>${"<i>x</i>"}</p>` }) }),
      admin("<script>alert(1)</script>"),
    );
    const text = await (await fetch(`${base}/admin/team`, { headers: { cookie } })).text();
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(text).toContain('<link rel="stylesheet" href="/admin/assets/console.css">');
    expect(text).toContain('<script defer src="/admin/assets/charts.js"></script>');
    expect(text).toContain("<h1>&lt;b&gt;Team&lt;/b&gt;</h1>");
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).not.toContain("<script>alert(1)</script>");
    expect(text).not.toContain("<i>x</i>");
    expect(text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it("serves assets with their content type and cache headers, 304 when unchanged, 404 otherwise", async () => {
    const { base } = await serve(
      pagesWith({
        asset: (name) =>
          name === "console.css" ? { contentType: "text/css; charset=utf-8", body: "main{}" } : undefined,
      }),
      admin("Olga Ops"),
    );
    const css = await fetch(`${base}/admin/assets/console.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe("main{}");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(css.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = css.headers.get("etag") ?? "";
    const again = await fetch(`${base}/admin/assets/console.css`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    for (const name of ["other.css", "..%2Fconsole.css", ".console.css", "console.css%00"])
      expect((await fetch(`${base}/admin/assets/${name}`)).status, name).toBe(404);
  });
});
