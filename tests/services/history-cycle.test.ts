// The finding history as the real nudge cycle writes it: the bot, the fake Slack, a store on disk.
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/domain/model.ts";
import { moveKey } from "../../src/services/weekly-rules.ts";
import type { PipelineSource } from "../../src/sources/source.ts";
import { type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

function mutableSource(initial: Snapshot): PipelineSource & { data: Snapshot } {
  const source = {
    name: "test",
    data: initial,
    load: async () => ({ snapshot: source.data, issues: [] }),
  };
  return source;
}

describe("the finding history written by each nudge cycle", () => {
  it("opens episodes, marks the ones a delivered digest listed, and resolves fixed and closed records", async () => {
    const source = mutableSource(TEAM);
    harness = await startHarness({ now: "2026-03-10T15:00:00Z", source }); // Tuesday, 10:00 in New York
    await harness.bot.service.runNow();
    const day1 = await harness.bot.store.history.openEpisodes();
    const byKey = new Map(day1.map((e) => [`${e.rule}|${e.recordId}`, e]));
    // Ava is in Slack: her digest went out, and every finding it listed counts as nudged today.
    expect(byKey.get("source-missing|006A")).toMatchObject({
      openedOn: "2026-03-10",
      nudgedOn: "2026-03-10",
    });
    expect(byKey.get("next-step-vague|006A")?.nudgedOn).toBe("2026-03-10");
    // Cy is not in Slack: opened, never nudged. Ken in Tokyo is a day ahead.
    expect(byKey.get("source-missing|006C")).toMatchObject({ nudgedOn: null });
    expect(byKey.get("source-missing|006K")).toMatchObject({
      openedOn: "2026-03-11",
      nudgedOn: "2026-03-11",
    });

    // Next day Ava fills in the source of 006A, and 006B closes.
    source.data = {
      ...TEAM,
      opportunities: TEAM.opportunities.map((opp) =>
        opp.id === "006A"
          ? { ...opp, howHeard: "Webinar" }
          : opp.id === "006B"
            ? { ...opp, isClosed: true, closedReason: "No budget" }
            : opp,
      ),
    };
    harness.clock.now = new Date("2026-03-11T15:00:00Z");
    await harness.bot.service.runNow();
    const all = await harness.bot.store.history.episodesSince("2026-03-01");
    const resolved = new Map(all.filter((e) => e.resolvedOn).map((e) => [`${e.rule}|${e.recordId}`, e]));
    expect(resolved.get("source-missing|006A")).toMatchObject({
      resolvedOn: "2026-03-11",
      resolution: "fixed",
    });
    expect(resolved.get("next-step-overdue|006B")).toMatchObject({ resolution: "gone" });
    expect(resolved.has("next-step-vague|006A")).toBe(false);
  });

  it("records a snooze in the open episode", async () => {
    harness = await startHarness({ now: "2026-03-10T15:00:00Z", source: mutableSource(TEAM) });
    await harness.bot.service.runNow();
    const { viewer, view } = await harness.bot.service.viewer("UAVA");
    await harness.bot.service.snooze(viewer, view, {
      days: 3,
      recordType: "opportunity",
      recordId: "006A",
      rules: ["source-missing"],
    });
    const open = await harness.bot.store.history.openEpisodes();
    expect(open.find((e) => e.rule === "source-missing" && e.recordId === "006A")?.snoozedOn).toBe(
      "2026-03-10",
    );
  });

  it("keeps the findings of a rule waiting for the weekly cleanup out of the holdout's comparison", async () => {
    harness = await startHarness({
      now: "2026-03-10T15:00:00Z",
      source: mutableSource(TEAM),
      yaml: "effectiveness:\n  holdoutPercent: 50\n",
    });
    const movedAt = new Date("2026-03-05T15:00:00Z");
    await harness.bot.store.setSetting(
      moveKey("source-missing"),
      JSON.stringify({ to: "weekly", by: "Olga Ops", byUser: "UOPS", at: movedAt.toISOString() }),
      movedAt,
    );
    await harness.bot.service.runNow();
    const open = await harness.bot.store.history.openEpisodes();
    const arms = (rule: string) => new Set(open.filter((e) => e.rule === rule).map((e) => e.holdoutArm));
    // Not nudged daily in either arm: no arm to compare.
    expect(arms("source-missing")).toEqual(new Set(["off"]));
    expect([...arms("next-step-vague")].every((arm) => arm === "held" || arm === "nudged")).toBe(true);
  });
});
