// The weekly rules in the running bot: a rule the report flags noisy leaves the daily digest the day
// after the flag is first seen (with `noisyRules: weekly`), is listed on Monday under "Weekly
// cleanup" and in /nudge me; each admin move is logged with who made it.
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/config.ts";
import type { RuleEffectiveness } from "../../src/domain/effectiveness.ts";
import { RULE_IDS } from "../../src/domain/findings.ts";
import { createLogger } from "../../src/logging.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { NOISY_KEY, settledUntil, WeeklyRulesService } from "../../src/services/weekly-rules.ts";
import { eventually, type Harness, startHarness } from "../helpers/bot-harness.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

/** Every rule's report row, "source-missing" noisy (2 of 40 fixed) when `noisy` says so. */
const rows =
  (noisy: () => boolean): (() => Promise<RuleEffectiveness[]>) =>
  async () =>
    RULE_IDS.map((rule) => {
      const flagged = rule === "source-missing" && noisy();
      return {
        rule,
        opened: 40,
        nudged: 40,
        fixedWithin3: flagged ? 2 : 30,
        fixRate: flagged ? 0.05 : 0.75,
        medianDaysToFix: 1,
        open: 3,
        snoozedShare: 0,
        noisy: flagged,
      };
    });

const sentTo = (h: Harness, channel: string) =>
  JSON.stringify(
    h.slack
      .callsOf("chat.postMessage")
      .filter((call) => call.params.channel === channel)
      .at(-1)?.params.blocks ?? null,
  );

const SOURCE = "How the customer heard about us is not recorded";

describe("a noisy rule with effectiveness.noisyRules: weekly", () => {
  it("stays in the digest the day it is flagged, leaves it the next day, and comes back Monday under Weekly cleanup", async () => {
    // Thursday 12 March 2026, 10:00 in New York.
    harness = await startHarness({
      now: "2026-03-12T14:00:00Z",
      yaml: "effectiveness:\n  noisyRules: weekly\n",
    });
    const h = harness;
    let noisy = true;
    const weekly = new WeeklyRulesService({
      store: h.bot.store,
      config: h.bot.cycle.config as Config,
      clock: () => new Date(h.clock.now),
      logger: quietLogger,
      report: rows(() => noisy),
    });
    const cycle = { ...h.bot.cycle, weekly };

    await runNudgeCycle(cycle, "due");
    expect(sentTo(h, "UAVA")).toContain(SOURCE);
    expect(JSON.parse((await h.bot.store.getSetting(NOISY_KEY)) ?? "{}")).toEqual({
      "source-missing": "2026-03-12",
    });

    // Friday: not in the daily digest, and Friday is no cleanup day.
    h.clock.now = new Date("2026-03-13T14:00:00Z");
    await runNudgeCycle(cycle, "due");
    expect(sentTo(h, "UAVA")).toContain("Pipeline nudges for 2026-03-13");
    expect(sentTo(h, "UAVA")).not.toContain(SOURCE);
    expect(sentTo(h, "UAVA")).not.toContain("Weekly cleanup");

    // Monday: listed under the heading, counted per rule, not as a daily finding.
    h.clock.now = new Date("2026-03-16T14:00:00Z");
    await runNudgeCycle(cycle, "due");
    const monday = sentTo(h, "UAVA");
    expect(monday).toContain("*Weekly cleanup* · 1 finding from the rules kept for once a week");
    expect(monday).toContain("*No lead source*: 1\\n• Northwind Logistics - Premium New");
    expect(monday).not.toContain(SOURCE);

    // No longer noisy: daily again, and the flag is forgotten.
    noisy = false;
    h.clock.now = new Date("2026-03-17T14:00:00Z");
    await runNudgeCycle(cycle, "due");
    expect(sentTo(h, "UAVA")).toContain(SOURCE);
    expect(JSON.parse((await h.bot.store.getSetting(NOISY_KEY)) ?? "null")).toEqual({});
  });

  it("goes with the rep's first digest of the week when Monday's did not go out (paused Monday)", async () => {
    harness = await startHarness({
      now: "2026-03-13T14:00:00Z",
      yaml: "effectiveness:\n  noisyRules: weekly\n",
    });
    const h = harness;
    await h.bot.store.setSetting(NOISY_KEY, JSON.stringify({ "source-missing": "2026-03-01" }), h.clock.now);
    const weekly = new WeeklyRulesService({
      store: h.bot.store,
      config: h.bot.cycle.config as Config,
      clock: () => new Date(h.clock.now),
      logger: quietLogger,
      report: rows(() => true),
    });
    const cycle = { ...h.bot.cycle, weekly };
    await h.bot.store.savePause({
      rep: "ava@example.com",
      until: "2026-03-16",
      pausedBy: "UAVA",
      createdAt: new Date(h.clock.now),
    });
    // Monday: paused, nothing sent.
    h.clock.now = new Date("2026-03-16T14:00:00Z");
    await runNudgeCycle(cycle, "due");
    expect(sentTo(h, "UAVA")).toBe("null");
    // Tuesday: her first digest of the week has the cleanup; Wednesday's does not.
    h.clock.now = new Date("2026-03-17T14:00:00Z");
    await runNudgeCycle(cycle, "due");
    expect(sentTo(h, "UAVA")).toContain("*Weekly cleanup* · 1 finding");
    h.clock.now = new Date("2026-03-18T14:00:00Z");
    await runNudgeCycle(cycle, "due");
    expect(sentTo(h, "UAVA")).toContain("Pipeline nudges for 2026-03-18");
    expect(sentTo(h, "UAVA")).not.toContain("Weekly cleanup");
  });

  it("does not hold back digests when the history cannot be read: the rule stays daily that day", async () => {
    harness = await startHarness({
      now: "2026-03-13T14:00:00Z",
      yaml: "effectiveness:\n  noisyRules: weekly\n",
    });
    const h = harness;
    await h.bot.store.setSetting(NOISY_KEY, JSON.stringify({ "source-missing": "2026-03-01" }), h.clock.now);
    const weekly = new WeeklyRulesService({
      store: h.bot.store,
      config: h.bot.cycle.config as Config,
      clock: () => new Date(h.clock.now),
      logger: quietLogger,
      report: async () => {
        throw new Error("database is locked");
      },
    });
    await runNudgeCycle({ ...h.bot.cycle, weekly }, "due");
    expect(sentTo(h, "UAVA")).toContain(SOURCE);
    expect(JSON.parse((await h.bot.store.getSetting(NOISY_KEY)) ?? "null")).toEqual({
      "source-missing": "2026-03-01",
    });
  });

  it("with keep, a noisy rule stays in the daily digest", async () => {
    harness = await startHarness({ now: "2026-03-13T14:00:00Z" });
    const h = harness;
    await h.bot.store.setSetting(NOISY_KEY, JSON.stringify({ "source-missing": "2026-03-01" }), h.clock.now);
    const weekly = new WeeklyRulesService({
      store: h.bot.store,
      config: h.bot.cycle.config as Config,
      clock: () => new Date(h.clock.now),
      logger: quietLogger,
      report: rows(() => true),
    });
    await runNudgeCycle({ ...h.bot.cycle, weekly }, "due");
    expect(sentTo(h, "UAVA")).toContain(SOURCE);
  });
});

describe("/nudge me", () => {
  it("shows a weekly rule's findings under Weekly cleanup, whatever the day", async () => {
    harness = await startHarness({ now: "2026-03-11T14:00:00Z" });
    const h = harness;
    const admin = (await h.bot.service.viewer("UOPS")).viewer;
    h.clock.now = new Date("2026-03-10T14:00:00Z");
    await h.bot.listeners.weekly.move(admin, "source-missing", "weekly");
    h.clock.now = new Date("2026-03-11T14:00:00Z");
    expect((await h.command("UAVA", "me")).status).toBe(200);
    await eventually(() => h.slack.callsOf("respond").length === 1);
    const reply = JSON.stringify(h.slack.callsOf("respond")[0]?.params);
    expect(reply).toContain("*Weekly cleanup*");
    expect(reply).toContain("*No lead source*: 1");
    expect(reply).not.toContain(SOURCE);
  });
});

describe("an admin's move", () => {
  it("is logged with who made it; a rep's is refused and logged", async () => {
    harness = await startHarness({ now: "2026-03-10T14:00:00Z" });
    const h = harness;
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(JSON.parse(line)) });
    const weekly = new WeeklyRulesService({
      store: h.bot.store,
      config: h.bot.cycle.config as Config,
      clock: () => new Date(h.clock.now),
      logger,
      report: rows(() => false),
    });
    const admin = (await h.bot.service.viewer("UOPS")).viewer;
    const rep = (await h.bot.service.viewer("UAVA")).viewer;
    expect(await weekly.move(admin, "deck-missing", "weekly")).toEqual({
      status: "moved",
      rule: "deck-missing",
      to: "weekly",
    });
    expect(await weekly.move(rep, "deck-missing", "daily")).toEqual({ status: "forbidden" });
    expect(lines.map((line) => [line.msg, line.user, line.rule, line.to])).toEqual([
      ["rule moved to the weekly cleanup", "UOPS", "deck-missing", "weekly"],
      ["rule move refused: not an admin", "UAVA", "deck-missing", "daily"],
    ]);
    const [moved] = await weekly.overview(new Set(RULE_IDS));
    expect(moved?.weekly?.reason).toBe("moved by Olga Ops on 2026-03-10");
  });

  it("keeps both of two moves made at the same moment, by two replicas", async () => {
    harness = await startHarness({ now: "2026-03-10T14:00:00Z" });
    const h = harness;
    const replica = () =>
      new WeeklyRulesService({
        store: h.bot.store,
        config: h.bot.cycle.config as Config,
        clock: () => new Date(h.clock.now),
        logger: createLogger("silent"),
        report: rows(() => false),
      });
    const admin = (await h.bot.service.viewer("UOPS")).viewer;
    await Promise.all([
      replica().move(admin, "deck-missing", "weekly"),
      replica().move(admin, "source-missing", "weekly"),
    ]);
    const weekly = await replica().current(new Set(RULE_IDS));
    expect(weekly.map((entry) => entry.rule).sort()).toEqual(["deck-missing", "source-missing"]);
  });
});

describe("the noisy flags the weekly cleanup reads", () => {
  it("count only nudges whose three working days are over, by the team's working days", () => {
    const monToFri = { workingDays: [1, 2, 3, 4, 5], holidays: false, daysOff: [] };
    // Thursday: Friday's nudges and earlier had Mon, Tue, Wed; Monday's still have today.
    expect(settledUntil("2026-03-12", monToFri)).toBe("2026-03-08");
    // Monday: last week's Tuesday had Wed, Thu, Fri.
    expect(settledUntil("2026-03-09", monToFri)).toBe("2026-03-03");
    expect(settledUntil("2026-03-09", { ...monToFri, workingDays: [0, 1, 2, 3, 4, 5, 6] })).toBe(
      "2026-03-05",
    );
    // A company day off is no day to fix anything in.
    expect(settledUntil("2026-03-12", { ...monToFri, daysOff: ["2026-03-10"] })).toBe("2026-03-05");
  });
});
