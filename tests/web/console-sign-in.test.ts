// The admin console over plain HTTP, as `serve` wires it: Sign in with Slack through a stand-in
// Slack, who gets in, and every refusal (bad state, replayed callback or code, tampered cookie,
// missing or wrong CSRF token, expired session), plus the headers every answer carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_PAGES } from "../../src/web/console-pages.ts";
import { type ConsoleHarness, cookiesOf, PEOPLE, startConsoleHarness } from "../helpers/console-harness.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => {
  await h?.stop();
});

const get = (path: string, cookie = "") =>
  fetch(`${h.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";

const postLogout = (cookie: string, body: string) =>
  fetch(`${h.baseUrl}/admin/logout`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });

describe("Sign in with Slack", () => {
  it("sends a signed-out visitor to sign in, then to Slack with state, nonce and PKCE", async () => {
    const page = await get("/admin/team?since=2026-02-01");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(
      `/admin/login?return=${encodeURIComponent("/admin/team?since=2026-02-01")}`,
    );
    const login = await get(page.headers.get("location") ?? "");
    expect(login.status).toBe(302);
    const slack = new URL(login.headers.get("location") ?? "");
    expect(`${slack.origin}${slack.pathname}`).toBe(
      `${new URL(h.oidc.apiUrl).origin}/openid/connect/authorize`,
    );
    expect(slack.searchParams.get("redirect_uri")).toBe(`${h.baseUrl}/admin/auth/callback`);
    expect(slack.searchParams.get("scope")).toBe("openid email profile");
    for (const param of ["state", "nonce", "code_challenge"])
      expect(slack.searchParams.get(param)).toBeTruthy();
    expect(slack.searchParams.get("code_challenge_method")).toBe("S256");
    const cookie = login.headers.getSetCookie()[0] ?? "";
    expect(cookie).toMatch(/^nudgebot_sign_in=[^;]+; Path=\/admin; Max-Age=600; HttpOnly; SameSite=Lax$/);
  });

  it("lets an admin in: every page answers with who is signed in and the strict headers", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    for (const page of CONSOLE_PAGES) {
      const answer = await get(`/admin/${page.id}`, cookie);
      const text = await answer.text();
      expect(answer.status, page.id).toBe(200);
      expect(text).toContain("Olga Ops");
      expect(text).toContain("admin: sees everyone");
      expect(text).toMatch(new RegExp(`<a href="/admin/${page.id}" aria-current="page">`));
      expect(answer.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(answer.headers.get("content-security-policy")).not.toContain("unsafe-inline");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("referrer-policy")).toBe("same-origin");
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("goes back to the page asked for, and /admin opens the first page", async () => {
    h.oidc.signInAs = PEOPLE.manager;
    const login = await get(`/admin/login?return=${encodeURIComponent("/admin/rituals")}`);
    const back = await fetch(await h.oidc.authorize(login.headers.get("location") ?? ""), {
      redirect: "manual",
      headers: { cookie: cookiesOf(login).join("; ") },
    });
    expect(back.headers.get("location")).toBe("/admin/rituals");
    const session = back.headers.getSetCookie().find((line) => line.startsWith("nudgebot_session="));
    expect(session).toMatch(/; Path=\/admin; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    expect((await get("/admin")).headers.get("location")).toBe("/admin/effectiveness");
  });

  it("never sends people off the console after sign-in", async () => {
    h.oidc.signInAs = PEOPLE.admin;
    for (const target of ["https://evil.example/", "//evil.example/admin", "/admin/../slack/events"]) {
      const login = await get(`/admin/login?return=${encodeURIComponent(target)}`);
      const back = await fetch(await h.oidc.authorize(login.headers.get("location") ?? ""), {
        redirect: "manual",
        headers: { cookie: cookiesOf(login).join("; ") },
      });
      expect(back.headers.get("location"), target).toBe("/admin");
    }
  });

  it("shows a manager their team's scope", async () => {
    const cookie = await h.signIn(PEOPLE.manager);
    const text = await (await get("/admin/team", cookie)).text();
    expect(text).toContain("manager: sees team of Mia Manager");
  });

  it("matches a Slack account to the CRM user an admin linked it to, whatever its email", async () => {
    const person = { userId: "UMIA2", email: "mia.personal@elsewhere.example", name: "Mia M." };
    expect((await get("/admin/team", await h.signIn(person))).status).toBe(403);
    await h.bot.store.saveSlackLink({
      crmEmail: "mia@example.com",
      userId: "UMIA2",
      linkedBy: "UOPS",
      linkedAt: new Date("2026-03-10T15:00:00Z"),
    });
    const text = await (await get("/admin/team", await h.signIn(person))).text();
    expect(text).toContain("manager: sees team of Mia Manager");

    // The CRM user is that account's alone: another account with Mia's email is nobody now.
    const other = await get("/admin/team", await h.signIn(PEOPLE.manager));
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("Your Slack account is not a rep, manager or admin");

    // Linked back, the first account is refused and Mia's own is in again (and stays so for the rest).
    await h.bot.store.saveSlackLink({
      crmEmail: "mia@example.com",
      userId: PEOPLE.manager.userId,
      linkedBy: "UOPS",
      linkedAt: new Date("2026-03-10T15:01:00Z"),
    });
    expect((await get("/admin/team", await h.signIn(person))).status).toBe(403);
    const back = await (await get("/admin/team", await h.signIn(PEOPLE.manager))).text();
    expect(back).toContain("manager: sees team of Mia Manager");
  });

  it("refuses a rep with a 403 that says who they are and why", async () => {
    const cookie = await h.signIn(PEOPLE.rep);
    const answer = await get("/admin/effectiveness", cookie);
    const text = await answer.text();
    expect(answer.status).toBe(403);
    expect(text).toContain("You are signed in as <strong>Ava Okafor</strong>");
    expect(text).toContain("you are a rep (ava@example.com)");
    expect(text).not.toContain('<nav class="pages"');
  });

  it("refuses someone Slack knows but the pipeline does not", async () => {
    const cookie = await h.signIn(PEOPLE.stranger);
    const answer = await get("/admin/effectiveness", cookie);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("(zed@elsewhere.example) is not a rep, manager or admin");
  });
});

describe("refusals", () => {
  it("refuses a callback whose state is not the one the browser left with", async () => {
    h.oidc.signInAs = PEOPLE.admin;
    const login = await get("/admin/login");
    const callback = new URL(await h.oidc.authorize(login.headers.get("location") ?? ""));
    callback.searchParams.set("state", "forged-state");
    const answer = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: cookiesOf(login).join("; ") },
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("This sign-in link is no longer valid");
    expect(cookiesOf(answer).some((pair) => pair.startsWith("nudgebot_session="))).toBe(false);
  });

  it("refuses a callback without the sign-in cookie (started in another browser)", async () => {
    h.oidc.signInAs = PEOPLE.admin;
    const login = await get("/admin/login");
    const callback = await h.oidc.authorize(login.headers.get("location") ?? "");
    const answer = await fetch(callback, { redirect: "manual" });
    expect(answer.status).toBe(400);
  });

  it("refuses a replayed callback, and Slack refuses a replayed code", async () => {
    h.oidc.signInAs = PEOPLE.admin;
    const login = await get("/admin/login");
    const callback = await h.oidc.authorize(login.headers.get("location") ?? "");
    const headers = { cookie: cookiesOf(login).join("; ") };
    const first = await fetch(callback, { redirect: "manual", headers });
    expect(first.status).toBe(303);
    expect(first.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^nudgebot_sign_in=; .*Max-Age=0/),
    );
    const replay = await fetch(callback, { redirect: "manual", headers });
    expect(replay.status).toBe(400);
    expect(cookiesOf(replay)).toEqual([]);

    // The same code with a fresh, valid state: the code itself is spent.
    const again = await get("/admin/login");
    const fresh = new URL(await h.oidc.authorize(again.headers.get("location") ?? ""));
    fresh.searchParams.set("code", new URL(callback).searchParams.get("code") ?? "");
    const reused = await fetch(fresh, {
      redirect: "manual",
      headers: { cookie: cookiesOf(again).join("; ") },
    });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("Slack did not confirm the sign-in");
    expect(h.oidc.refusals).toContain("invalid_code");
  });

  it("tells someone who cancelled at Slack that they are not signed in", async () => {
    h.oidc.signInAs = null;
    const login = await get("/admin/login");
    const answer = await fetch(await h.oidc.authorize(login.headers.get("location") ?? ""), {
      redirect: "manual",
      headers: { cookie: cookiesOf(login).join("; ") },
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("Slack did not sign you in");
  });

  it("treats a tampered session cookie as signed out and clears it", async () => {
    const cookie = await h.signIn(PEOPLE.rep);
    const [name, value = ""] = cookie.split("=");
    const [payload = "", mac] = value.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    claims.data.userId = "UOPS";
    claims.data.email = "ops@example.com";
    const forged = `${name}=${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${mac}`;
    const answer = await get("/admin/effectiveness", forged);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toMatch(/^\/admin\/login\?return=/);
    expect(answer.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^nudgebot_session=; .*Max-Age=0/),
    );
  });

  it("refuses sign-out without the CSRF token or with another session's token", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const other = await h.signIn(PEOPLE.manager);
    const otherToken = csrfOf(await (await get("/admin/team", other)).text());
    expect(otherToken).not.toBe("");
    for (const body of ["", "csrf=", `csrf=${encodeURIComponent(otherToken)}`, "csrf=made-up"]) {
      const answer = await postLogout(cookie, body);
      expect(answer.status, body).toBe(403);
      expect(await answer.text()).toContain("This form did not come from your console session");
    }
    // Still signed in.
    expect((await get("/admin/team", cookie)).status).toBe(200);
  });

  it("signs out with the page's token, and the old cookie then fails CSRF", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const token = csrfOf(await (await get("/admin/delivery", cookie)).text());
    const out = await postLogout(cookie, `csrf=${encodeURIComponent(token)}`);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/signed-out");
    expect(out.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^nudgebot_session=; .*Max-Age=0/),
    );
    const page = await get("/admin/signed-out");
    expect(await page.text()).toContain("You are signed out of the console.");
  });

  it("ends a session 12 hours after sign-in, whatever the browser keeps", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 3_600_000);
    expect((await get("/admin/team", cookie)).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 3_600_000 + 1_000);
    const late = await get("/admin/team", cookie);
    expect(late.status).toBe(303);
    expect(late.headers.get("location")).toMatch(/^\/admin\/login/);
    h.clock.now = new Date("2026-03-10T15:00:00Z");
  });
});

describe("routes", () => {
  it("answers unknown console paths and asset names with 404, never a file outside the assets", async () => {
    for (const path of [
      "/admin/nope",
      "/admin/assets/..%2F..%2Fpackage.json",
      "/admin/assets/nope.js",
      "/admin/assets/",
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("keeps GET-only pages from answering a POST", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const answer = await fetch(`${h.baseUrl}/admin/team`, {
      method: "POST",
      headers: { cookie },
      redirect: "manual",
    });
    expect(answer.status).toBe(404);
  });
});
