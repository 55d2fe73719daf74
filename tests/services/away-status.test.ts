// Away in Slack, end to end: the digest job asks Slack for the statuses of the reps it is about to
// send to, holds back those who are away, and asks again next cycle.
import { afterEach, describe, expect, it } from "vitest";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";
import { memorySource, quietTeam } from "../helpers/memory-source.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

const digestsTo = (h: Harness, channel: string) =>
  h.slack.delivered.filter((m) => m.channel === channel && JSON.stringify(m.metadata).includes("digest:"))
    .length;

// Tuesday 10 March 2026, 10:00 in New York.
const MORNING = "2026-03-10T14:00:00Z";

describe("away status", () => {
  it("holds the digest while the status says away, sends it within a minute of clearing, once", async () => {
    harness = await startHarness({ now: MORNING, source: memorySource(quietTeam()) });
    harness.slack.setStatus("UAVA", ":palm_tree:", "Back Thursday");
    for (const minute of [0, 1, 2]) {
      harness.clock.now = new Date(Date.parse(MORNING) + minute * 60_000);
      const summary = await runNudgeCycle(harness.bot.cycle, "due");
      expect(summary.away).toBe(1);
    }
    expect(digestsTo(harness, "DAVA")).toBe(0);
    // Asked once per cycle, by users.info (one rep due).
    expect(harness.slack.callsOf("users.info").length).toBe(3);

    harness.slack.statuses.delete("UAVA"); // cleared at noon
    harness.clock.now = new Date("2026-03-10T16:00:00Z");
    await runNudgeCycle(harness.bot.cycle, "due");
    harness.clock.now = new Date("2026-03-10T16:01:00Z");
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness, "DAVA")).toBe(1);
  });

  it("an expired status does not hold the digest", async () => {
    harness = await startHarness({ now: MORNING, source: memorySource(quietTeam()) });
    harness.slack.setStatus("UAVA", ":palm_tree:", "Vacation", Date.parse(MORNING) / 1000 - 3600);
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness, "DAVA")).toBe(1);
  });

  it("the team's own words count: calendar.awayStatus", async () => {
    harness = await startHarness({
      now: MORNING,
      source: memorySource(quietTeam()),
      yaml: "calendar:\n  awayStatus:\n    emoji: []\n    text: ['en congés']\n",
    });
    harness.slack.setStatus("UAVA", ":palm_tree:", "Back Thursday");
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness, "DAVA")).toBe(1);
  });

  it("a failed status read does not lose the digest", async () => {
    harness = await startHarness({ now: MORNING, source: memorySource(quietTeam()) });
    harness.slack.failNext("users.info", { status: 500, body: { ok: false, error: "internal_error" } }, 5);
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness, "DAVA")).toBe(1);
  });
});
