// Who may get a console session: only people of the bot's own workspace, an email only once Slack
// verified it, never a cookie minted with the Slack client secret, whatever return path was asked
// for, and only so many sign-ins per minute from one address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SigningKeys, signValue } from "../../src/web/signed-value.ts";
import { type ConsoleHarness, cookiesOf, PEOPLE, startConsoleHarness } from "../helpers/console-harness.ts";
import { CLIENT_SECRET, TEAM_ID } from "../helpers/fake-slack-oidc.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => {
  await h?.stop();
});

const get = (path: string, cookie = "") =>
  fetch(`${h.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

/** Signs in at Slack as `person`, asking for `returnTo`: the callback's answer. */
async function finishSignIn(person: Parameters<ConsoleHarness["signIn"]>[0], returnTo = "/admin/team") {
  h.oidc.signInAs = person;
  const login = await get(`/admin/login?return=${encodeURIComponent(returnTo)}`);
  const callback = await h.oidc.authorize(login.headers.get("location") ?? "");
  return fetch(callback, { redirect: "manual", headers: { cookie: cookiesOf(login).join("; ") } });
}

describe("the bot's workspace only", () => {
  it("asks Slack to sign people in to the bot's workspace", async () => {
    const login = await get("/admin/login");
    expect(new URL(login.headers.get("location") ?? "").searchParams.get("team")).toBe(TEAM_ID);
  });

  it("refuses someone of another workspace, even with a manager's email", async () => {
    const back = await finishSignIn({ ...PEOPLE.manager, userId: "UEVIL", teamId: "T_EVIL" });
    expect(back.status).toBe(400);
    expect(cookiesOf(back)).toEqual([]);
    const page = await back.text();
    expect(page).toContain("Sign-in did not complete");
    expect(page).toContain("This Slack account is not in the workspace this console belongs to.");
  });

  it("refuses the sign-in when Slack's userInfo names another workspace than the ID token", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: making the stand-in's userInfo disagree
    const fake = h.oidc as any;
    const route = fake.route.bind(fake);
    fake.route = async (req: { url?: string }) => {
      const answer = await route(req);
      if ((req.url ?? "").includes("openid.connect.userInfo")) {
        answer.body = JSON.stringify({ ...JSON.parse(answer.body), "https://slack.com/team_id": "T_EVIL" });
      }
      return answer;
    };
    try {
      const back = await finishSignIn(PEOPLE.manager);
      expect(back.status).toBe(400);
      expect(cookiesOf(back)).toEqual([]);
    } finally {
      fake.route = route;
    }
  });

  for (const [said, emailVerified] of [
    ["marked unverified", false],
    ["left unverified (no claim)", null],
  ] as const) {
    it(`lets an email Slack has ${said} decide nothing: the manager's address alone opens no team`, async () => {
      const back = await finishSignIn({
        userId: "UNEW",
        email: PEOPLE.manager.email,
        name: "New",
        emailVerified,
      });
      expect(back.status).toBe(303);
      const page = await get("/admin/team", cookiesOf(back).join("; "));
      expect(page.status).toBe(403);
      const text = await page.text();
      expect(text).toContain("Not for this account");
      expect(text).not.toContain("manager: sees team of");
    });
  }
});

describe("cookies only the console can sign", () => {
  it("refuses a session minted with the Slack client secret", async () => {
    const forged = signValue(
      new SigningKeys(CLIENT_SECRET),
      "session",
      { userId: PEOPLE.admin.userId, email: PEOPLE.admin.email, name: "forged", sid: "x", signedInAt: 0 },
      new Date(h.clock.now.getTime() + 3_600_000),
    );
    const page = await get("/admin/delivery", `nudgebot_session=${forged}`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/admin/login?return=%2Fadmin%2Fdelivery");
  });
});

describe("return paths", () => {
  for (const bad of ["/admin?x\r\nSet-Cookie: a=b", "/admin?€", "/admin/team?x=\u00e9"]) {
    it(`finishes the sign-in and opens the console for ${JSON.stringify(bad)}`, async () => {
      const back = await finishSignIn(PEOPLE.admin, bad);
      expect(back.status).toBe(303);
      expect(back.headers.get("location")).toBe("/admin");
      expect(cookiesOf(back)).toHaveLength(1);
    });
  }

  it("sends a signed-in visitor of /admin/login?return=<line break> to the console", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const page = await get(`/admin/login?return=${encodeURIComponent("/admin?\r\n")}`, cookie);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/admin");
  });
});

describe("sign-ins per address", () => {
  let limited: ConsoleHarness;
  beforeAll(async () => {
    limited = await startConsoleHarness();
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("answers 429 after 30 callbacks a minute, before Slack's token endpoint is called", async () => {
    const callback = (i: number) =>
      fetch(`${limited.baseUrl}/admin/auth/callback?code=junk${i}&state=guess${i}`, { redirect: "manual" });
    for (let i = 0; i < 30; i++) expect((await callback(i)).status).toBe(400);
    // The 31st brings a real state and cookie, which would reach the token endpoint: it does not.
    const login = await fetch(`${limited.baseUrl}/admin/login`, { redirect: "manual" });
    const state = new URL(login.headers.get("location") ?? "").searchParams.get("state");
    const refused = await fetch(`${limited.baseUrl}/admin/auth/callback?code=junk&state=${state}`, {
      redirect: "manual",
      headers: { cookie: cookiesOf(login).join("; ") },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.text()).toContain("Too many sign-ins were started from your address");
    expect(limited.oidc.refusals).toEqual([]);
  });

  it("counts /admin/login on its own: 30 a minute, then 429", async () => {
    for (let i = 0; i < 29; i++)
      expect((await fetch(`${limited.baseUrl}/admin/login`, { redirect: "manual" })).status).toBe(302);
    expect((await fetch(`${limited.baseUrl}/admin/login`, { redirect: "manual" })).status).toBe(429);
  });
});
