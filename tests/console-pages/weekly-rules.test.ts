// The Effectiveness page's weekly cleanup: an admin moves a rule with a form carrying the session's
// CSRF token; a form without it, or from a manager, changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RuleEffectiveness } from "../../src/domain/effectiveness.ts";
import { moveKey, type WeeklyRuleRow } from "../../src/services/weekly-rules.ts";
import { weeklySection } from "../../src/web/pages/weekly-section.ts";
import { type ConsoleHarness, PEOPLE, startConsoleHarness } from "../helpers/console-harness.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => {
  await h?.stop();
});

const get = (path: string, cookie: string) =>
  fetch(`${h.baseUrl}${path}`, { redirect: "manual", headers: { cookie } });
const csrfOf = async (cookie: string) =>
  /name="csrf" value="([^"]+)"/.exec(await (await get("/admin/effectiveness", cookie)).text())?.[1] ?? "";
const move = (cookie: string, fields: Record<string, string>) =>
  fetch(`${h.baseUrl}/admin/effectiveness/weekly`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

describe("moving a rule on the Effectiveness page", () => {
  it("refuses a form without the CSRF token, and a manager's, storing nothing", async () => {
    const admin = await h.signIn(PEOPLE.admin);
    const forged = await move(admin, { rule: "source-missing", to: "weekly" });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("This form did not come from your console session");
    const wrong = await move(admin, { csrf: "not-the-token", rule: "source-missing", to: "weekly" });
    expect(wrong.status).toBe(403);

    const manager = await h.signIn(PEOPLE.manager);
    const refused = await move(manager, {
      csrf: await csrfOf(manager),
      rule: "source-missing",
      to: "weekly",
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only admins move rules");
    expect(await h.bot.store.getSetting(moveKey("source-missing"))).toBeNull();
  });

  it("an admin moves a rule to weekly and back; the page says who moved it and when", async () => {
    const admin = await h.signIn(PEOPLE.admin);
    const before = await (await get("/admin/effectiveness", admin)).text();
    expect(before).toContain("No rule is weekly (<code>effectiveness.noisyRules: keep</code>)");

    const csrf = await csrfOf(admin);
    const moved = await move(admin, { csrf, rule: "source-missing", to: "weekly" });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe("/admin/effectiveness");
    const page = await (await get("/admin/effectiveness", admin)).text();
    expect(page).toContain("<strong>No lead source</strong>: weekly: moved by Olga Ops on 2026-03-10");
    expect(page).toContain('<input type="hidden" name="to" value="daily">');
    expect(page).toContain("Back to daily");

    // A manager sees the list, without the buttons.
    const manager = await h.signIn(PEOPLE.manager);
    const theirs = await (await get("/admin/effectiveness", manager)).text();
    expect(theirs).toContain("moved by Olga Ops on 2026-03-10");
    expect(theirs).not.toContain("Back to daily");

    expect((await move(admin, { csrf, rule: "source-missing", to: "daily" })).status).toBe(303);
    expect(await (await get("/admin/effectiveness", admin)).text()).not.toContain("Back to daily");
    expect(JSON.parse((await h.bot.store.getSetting(moveKey("source-missing"))) ?? "{}")).toMatchObject({
      to: "daily",
      byUser: "UOPS",
    });
  });

  it("an unknown rule is not found, and nothing changes", async () => {
    const admin = await h.signIn(PEOPLE.admin);
    const bad = await move(admin, { csrf: await csrfOf(admin), rule: "no-such-rule", to: "weekly" });
    expect(bad.status).toBe(404);
  });
});

describe("the weekly section's buttons", () => {
  const figures = {
    rule: "deck-missing",
    nudged: 40,
    fixedWithin3: 2,
    fixRate: 0.05,
    noisy: true,
  } as RuleEffectiveness;
  const rows: WeeklyRuleRow[] = [{ rule: "deck-missing", weekly: null, noisy: figures }];
  it("offer Move to weekly beside a noisy daily rule, for admins only", () => {
    const admin = weeklySection("keep", rows, { csrf: "tok<en>" }).toString();
    expect(admin).toContain("<strong>No custom deck</strong>: daily, noisy: 5% fixed");
    expect(admin).toContain('name="csrf" value="tok&lt;en&gt;"');
    expect(admin).toContain("Move to weekly");
    expect(weeklySection("keep", rows, null).toString()).not.toContain("<form");
  });
});
