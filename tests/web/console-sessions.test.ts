// How console sessions end and what odd requests get: sign-out ends every session of the person on
// the server, sign-out without a session just clears the cookie, an oversized form gets its own
// page, HEAD works where GET does, and a page never waits on the CRM, nor does stopping the bot.
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  holdFirstRead,
  PEOPLE,
  startConsoleHarness,
} from "../helpers/console-harness.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => {
  await h?.stop();
});

const get = (path: string, cookie = "") =>
  fetch(`${h.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

const signOut = (cookie: string, csrf: string) =>
  fetch(`${h.baseUrl}/admin/logout`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: `csrf=${encodeURIComponent(csrf)}`,
  });

const csrfOf = async (cookie: string) =>
  /name="csrf" value="([^"]+)"/.exec(await (await get("/admin/delivery", cookie)).text())?.[1] ?? "";

describe("signing out", () => {
  it("ends the person's sessions in every browser, and a new sign-in works", async () => {
    const laptop = await h.signIn(PEOPLE.admin);
    const phone = await h.signIn(PEOPLE.admin);
    const other = await h.signIn(PEOPLE.manager);
    const out = await signOut(laptop, await csrfOf(laptop));
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/signed-out");
    for (const cookie of [laptop, phone]) {
      const again = await get("/admin/delivery", cookie);
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toBe("/admin/login?return=%2Fadmin%2Fdelivery");
    }
    // Someone else stays signed in; the admin can sign in again at once.
    expect((await get("/admin/team", other)).status).toBe(200);
    const back = await h.signIn(PEOPLE.admin);
    expect((await get("/admin/delivery", back)).status).toBe(200);
    expect(await (await get("/admin/signed-out")).text()).toContain(
      "in every browser you had signed in with",
    );
  });

  it("with an expired session just clears the cookie and shows the signed-out page", async () => {
    const cookie = await h.signIn(PEOPLE.admin);
    const was = h.clock.now;
    h.clock.now = new Date(was.getTime() + 13 * 3_600_000);
    try {
      const out = await signOut(cookie, "whatever");
      expect(out.status).toBe(303);
      expect(out.headers.get("location")).toBe("/admin/signed-out");
      expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/^nudgebot_session=; .*Max-Age=0/)]);
    } finally {
      h.clock.now = was;
    }
  });

  it("answers an oversized form with its own page, not the CSRF one", async () => {
    const out = await fetch(`${h.baseUrl}/admin/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${"a".repeat(20_000)}`,
    });
    expect(out.status).toBe(413);
    const page = await out.text();
    expect(page).toContain("Form too large");
    expect(page).not.toContain("did not come from your console session");
  });
});

describe("HEAD", () => {
  it("is answered wherever GET is, without a body", async () => {
    const page = await fetch(`${h.baseUrl}/admin/effectiveness`, { method: "HEAD", redirect: "manual" });
    expect(page.status).toBe(303);
    const signedOut = await fetch(`${h.baseUrl}/admin/signed-out`, { method: "HEAD" });
    expect(signedOut.status).toBe(200);
    expect(await signedOut.text()).toBe("");
  });
});

describe("a CRM that has not answered yet", () => {
  it("neither holds a page nor starts a CRM read: the page says the CRM has not been read yet", async () => {
    // Olga is also an admin by the config, which needs no CRM; Mia is a manager only in the CRM.
    const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
    writeFileSync(configFile, `admins: [${PEOPLE.admin.userId}]\n`);
    // A bot that has never read its CRM: nothing about its reps is kept in the store either.
    const slowly = await startConsoleHarness({ NUDGEBOT_CONFIG: configFile }, { firstRead: false });
    try {
      const slow = holdFirstRead(slowly);
      const open = async (cookie: string) => {
        const started = Date.now();
        const page = await fetch(`${slowly.baseUrl}/admin/team`, {
          headers: { cookie },
          signal: AbortSignal.timeout(3000),
        });
        expect(Date.now() - started).toBeLessThan(1_000);
        return page;
      };
      const admin = await open(await slowly.signIn(PEOPLE.admin));
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain("The CRM has not been read yet: the first scan reads it");
      // A manager's role comes from the CRM: until it is read, a plain 503 says so.
      const manager = await open(await slowly.signIn(PEOPLE.manager));
      expect(manager.status).toBe(503);
      expect(manager.headers.get("retry-after")).toBe("60");
      expect(await manager.text()).toContain("The CRM has not been read yet");
      expect(slow.loads).toBe(1);
      slow.release();
    } finally {
      await slowly.stop();
    }
  });

  it("stops within a few seconds while a console request is still open", async () => {
    const stopping = await startConsoleHarness();
    // A sign-out whose body never finishes: the request stays in the server until closed.
    const socket = connect(Number(new URL(stopping.baseUrl).port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.on("error", () => {});
    socket.write(
      "POST /admin/logout HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 100\r\n\r\ncsrf=",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await stopping.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    socket.destroy();
  });
});
