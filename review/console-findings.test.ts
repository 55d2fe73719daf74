// Reproductions of the admin console review findings. Each test PASSES while the weakness exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SigningKeys, signValue } from "../src/web/signed-value.ts";
import {
  type ConsoleHarness,
  cookiesOf,
  PEOPLE,
  startConsoleHarness,
} from "../tests/helpers/console-harness.ts";
import { CLIENT_SECRET } from "../tests/helpers/fake-slack-oidc.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => {
  await h?.stop();
});

const get = (path: string, cookie = "") =>
  fetch(`${h.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

describe("F1 workspace not bound", () => {
  it("asks Slack for no particular workspace and accepts a person from another workspace", async () => {
    const login = await get("/admin/login");
    const authorize = new URL(login.headers.get("location") ?? "");
    expect(authorize.searchParams.get("team")).toBeNull();
    // The stand-in Slack now says the person belongs to another workspace (team T_EVIL).
    // biome-ignore lint/suspicious/noExplicitAny: reaching into the stand-in for the repro
    const fake = h.oidc as any;
    const route = fake.route.bind(fake);
    fake.route = async (req: { url?: string }) => {
      const answer = await route(req);
      if ((req.url ?? "").includes("openid.connect.userInfo")) {
        const body = JSON.parse(answer.body);
        body["https://slack.com/team_id"] = "T_EVIL";
        body["https://slack.com/user_id"] = "UEVIL";
        answer.body = JSON.stringify(body);
      }
      return answer;
    };
    try {
      // Someone in T_EVIL whose Slack email is the manager's: gets the manager's console.
      const cookie = await h.signIn({ userId: "UMIA", email: PEOPLE.manager.email, name: "Not Mia" });
      const page = await get("/admin/team", cookie);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("manager: sees team of");
    } finally {
      fake.route = route;
    }
  });
});

describe("F2 session key derived from SLACK_CLIENT_SECRET", () => {
  it("lets anyone holding the client secret mint an admin session without signing in", async () => {
    const keys = new SigningKeys(CLIENT_SECRET);
    const forged = signValue(
      keys,
      "session",
      { userId: PEOPLE.admin.userId, email: PEOPLE.admin.email, name: "forged", sid: "x", signedInAt: 0 },
      new Date(h.clock.now.getTime() + 3_600_000),
    );
    const page = await get("/admin/delivery", `nudgebot_session=${forged}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("admin: sees everyone");
  });
});

describe("F3 sign-out does not end the session server-side", () => {
  it("keeps accepting the cookie after sign-out", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const token = /name="csrf" value="([^"]+)"/.exec(
      await (await get("/admin/delivery", cookie)).text(),
    )?.[1];
    const out = await fetch(`${h.baseUrl}/admin/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${encodeURIComponent(token ?? "")}`,
    });
    expect(out.status).toBe(303);
    const again = await get("/admin/delivery", cookie);
    expect(again.status).toBe(200);
  });
});

describe("F4 return path with CR/LF or non-Latin-1 text", () => {
  for (const bad of ["/admin?x\r\nSet-Cookie: a=b", "/admin?€"]) {
    it(`passes safeReturnPath, then fails the finished sign-in with a 500: ${JSON.stringify(bad)}`, async () => {
      h.oidc.signInAs = PEOPLE.admin;
      const login = await get(`/admin/login?return=${encodeURIComponent(bad)}`);
      expect(login.status).toBe(302);
      const callback = await h.oidc.authorize(login.headers.get("location") ?? "");
      const back = await fetch(callback, {
        redirect: "manual",
        headers: { cookie: cookiesOf(login).join("; ") },
      });
      expect(back.status).toBe(500);
      expect(cookiesOf(back)).toEqual([]); // no session: the Slack sign-in was spent for nothing
    });
  }
  it("also 500s a signed-in visitor sent to /admin/login?return=<bad>", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const page = await get(`/admin/login?return=${encodeURIComponent("/admin?\r\n")}`, cookie);
    expect(page.status).toBe(500);
  });
});

describe("F6 sign-out without a valid session", () => {
  it("answers 403 'Form refused' and leaves the (expired) cookie in place", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const was = h.clock.now;
    h.clock.now = new Date(was.getTime() + 13 * 3_600_000);
    try {
      const out = await fetch(`${h.baseUrl}/admin/logout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: "csrf=whatever",
      });
      expect(out.status).toBe(403);
      expect(out.headers.getSetCookie()).toEqual([]);
    } finally {
      h.clock.now = was;
    }
  });
});

describe("F7 unauthenticated token-endpoint calls", () => {
  it("makes the bot call openid.connect.token for any stranger holding a fresh sign-in cookie", async () => {
    const before = h.oidc.refusals.length;
    for (let i = 0; i < 5; i++) {
      const login = await get("/admin/login");
      const state = new URL(login.headers.get("location") ?? "").searchParams.get("state");
      const back = await get(
        `/admin/auth/callback?code=junk${i}&state=${state}`,
        cookiesOf(login).join("; "),
      );
      expect(back.status).toBe(400);
    }
    expect(h.oidc.refusals.length - before).toBe(5);
  });
});

describe("F8 413 page", () => {
  it("answers an oversized sign-out body with the CSRF wording", async () => {
    const out = await fetch(`${h.baseUrl}/admin/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${"a".repeat(20_000)}`,
    });
    expect(out.status).toBe(413);
    expect(await out.text()).toContain("did not come from your console session");
  });
});

describe("routing details", () => {
  it("trailing slash /admin/ in HTTP mode", async () => {
    const r = await get("/admin/");
    console.log("GET /admin/ ->", r.status, r.headers.get("location"));
    const r2 = await get("/admin/effectiveness/");
    console.log("GET /admin/effectiveness/ ->", r2.status, r2.headers.get("location"));
    const r3 = await fetch(`${h.baseUrl}/admin/effectiveness`, { method: "HEAD", redirect: "manual" });
    console.log("HEAD /admin/effectiveness ->", r3.status);
  });
});
