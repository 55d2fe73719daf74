// The weekly cleanup end to end through the real Bolt app: an admin's "Move to weekly" and "Back to
// daily" in App Home, a rep's forged click refused, and the digests that follow (the rule's findings
// gone from the daily digest from the next day, listed on Monday under "Weekly cleanup").
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/config.ts";
import { RULE_IDS } from "../../src/domain/findings.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { moveKey, WeeklyRulesService } from "../../src/services/weekly-rules.ts";
import { eventually, type Harness, startHarness } from "../helpers/bot-harness.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

// Tuesday 10 March 2026, 10:00 in New York.
const TUESDAY = "2026-03-10T14:00:00Z";
/** "source-missing" is RULE_IDS[6]. */
const click = (h: Harness, user: string, value: string) =>
  h.interaction({
    type: "block_actions",
    user: { id: user },
    trigger_id: `trigger-${user}`,
    container: { type: "view", view_id: "VHOME" },
    view: { id: "VHOME", type: "home" },
    actions: [{ type: "button", action_id: "nudge_move_rule", block_id: "weekly:source-missing", value }],
  });

const homes = (h: Harness) =>
  h.slack.callsOf("views.publish").map((call) => JSON.stringify(call.params.view));

/** The last digest Ava was sent, as the text of its blocks. */
function avasDigest(h: Harness): string {
  const posts = h.slack.callsOf("chat.postMessage").filter((call) => call.params.channel === "UAVA");
  return JSON.stringify(posts.at(-1)?.params.blocks ?? null);
}

describe("moving a rule to the weekly cleanup from App Home", () => {
  it("an admin moves it and back; its findings skip Wednesday's digest and come on Monday", async () => {
    harness = await startHarness({ now: TUESDAY });
    const h = harness;
    expect((await click(h, "UOPS", "weekly|6")).status).toBe(200);
    await eventually(() => homes(h).length === 1);
    const home = homes(h)[0] ?? "";
    expect(home).toContain("*No lead source* · weekly: moved by Olga Ops on 2026-03-10");
    expect(home).toContain('"text":"Back to daily"');
    expect(home).toContain('"value":"daily|6"');
    const stored = JSON.parse((await h.bot.store.getSetting(moveKey("source-missing"))) ?? "{}");
    expect(stored).toMatchObject({ to: "weekly", by: "Olga Ops", byUser: "UOPS" });

    // Moved today: today's digest still has it.
    await runNudgeCycle(h.bot.cycle, "due");
    expect(avasDigest(h)).toContain("How the customer heard about us is not recorded");
    expect(avasDigest(h)).not.toContain("Weekly cleanup");

    // Wednesday: gone from the daily digest, and no cleanup section.
    h.clock.now = new Date("2026-03-11T14:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    expect(avasDigest(h)).not.toContain("Weekly cleanup");
    expect(avasDigest(h)).toContain("Pipeline nudges for 2026-03-11");
    expect(avasDigest(h)).not.toContain("How the customer heard about us");

    // Monday: listed under "Weekly cleanup", counted per rule with its records.
    h.clock.now = new Date("2026-03-16T14:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    const monday = avasDigest(h);
    expect(monday).toContain("*Weekly cleanup*");
    expect(monday).toContain("*No lead source*: 1");
    expect(monday).toContain("• Northwind Logistics - Premium New");
    expect(monday.indexOf("How the customer heard about us")).toBe(-1);

    // Back to daily: the button is gone from App Home, the rule is daily again.
    await click(h, "UOPS", "daily|6");
    await eventually(() => homes(h).length === 2);
    expect(homes(h)[1]).not.toContain("Back to daily");
    h.clock.now = new Date("2026-03-17T14:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    expect(avasDigest(h)).toContain("How the customer heard about us is not recorded");
    expect(avasDigest(h)).not.toContain("Weekly cleanup");
  });

  it("a rep's click is refused with a message, and nothing is stored", async () => {
    harness = await startHarness({ now: TUESDAY });
    const h = harness;
    expect((await click(h, "UAVA", "weekly|6")).status).toBe(200);
    await eventually(() => h.slack.callsOf("views.open").length === 1);
    expect(JSON.stringify(h.slack.callsOf("views.open")[0]?.params.view)).toContain(
      "Only admins move rules between the daily digest and the weekly cleanup.",
    );
    expect(await h.bot.store.getSetting(moveKey("source-missing"))).toBeNull();
    expect(homes(h)).toEqual([]);
  });

  it("shows Move to weekly beside a noisy rule; the click moves it and the button turns to Back to daily", async () => {
    harness = await startHarness({ now: TUESDAY });
    const h = harness;
    // The report flags "No lead source" noisy: 2 of 40 fixed within 3 working days.
    h.bot.listeners.weekly = new WeeklyRulesService({
      store: h.bot.store,
      config: h.bot.cycle.config as Config,
      clock: () => new Date(h.clock.now),
      logger: quietLogger,
      report: async () =>
        RULE_IDS.map((rule) => {
          const noisy = rule === "source-missing";
          return {
            rule,
            opened: 40,
            nudged: 40,
            fixedWithin3: noisy ? 2 : 30,
            fixRate: noisy ? 0.05 : 0.75,
            medianDaysToFix: 1,
            open: 3,
            snoozedShare: 0,
            noisy,
          };
        }),
    });
    await h.event({ type: "app_home_opened", user: "UOPS", channel: "DOPS", tab: "home" });
    await eventually(() => homes(h).length === 1);
    const before = homes(h)[0] ?? "";
    expect(before).toContain("*No lead source* · daily, noisy: 5% fixed");
    expect(before).toContain('"text":"Move to weekly"');
    const button = /"value":"(weekly\|\d+)"/.exec(before)?.[1] ?? "";
    expect(button).toBe("weekly|6");

    await click(h, "UOPS", button);
    await eventually(() => homes(h).length === 2);
    const after = homes(h)[1] ?? "";
    expect(after).toContain("*No lead source* · weekly: moved by Olga Ops on 2026-03-10");
    expect(after).toContain('"text":"Back to daily"');
    expect(after).not.toContain("Move to weekly");

    // A rep's App Home says which rules are weekly and why, without the buttons.
    await h.event({ type: "app_home_opened", user: "UAVA", channel: "DAVA", tab: "home" });
    await eventually(() => homes(h).length === 3);
    const rep = homes(h)[2] ?? "";
    expect(rep).toContain(
      "Listed once a week, on Monday, under Weekly cleanup: No lead source (moved by Olga Ops on 2026-03-10).",
    );
    expect(rep).not.toContain("Weekly cleanup (admins)");
    expect(rep).not.toContain("nudge_move_rule");
  });
});
