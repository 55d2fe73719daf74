// A pipeline read the bot must not nudge from (a wrong export): no digest, an error in the log, and
// admins told once, not every minute.
import { afterEach, describe, expect, it } from "vitest";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import type { SourceLoad } from "../../src/sources/source.ts";
import { type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.stop().catch(() => {});
});

/** What a mostly broken export loads as: one opportunity kept, three skipped with their lines. */
function brokenExport(): SourceLoad {
  return {
    snapshot: { ...TEAM, opportunities: TEAM.opportunities.slice(0, 1) },
    issues: [2, 3, 4].map((line) => ({
      severity: "skipped" as const,
      file: "opportunities.csv",
      line,
      field: "Amount",
      message: 'expected an amount such as 12500, got "twelve thousand"',
    })),
  };
}

describe("an unusable pipeline read in the bot", () => {
  it("sends no digest and tells the admins once, with the first problems", async () => {
    let load = brokenExport();
    const harness = await startHarness({
      now: "2026-03-10T15:00:00Z",
      source: { name: "csv:/exports/pipeline", load: async () => load },
    });
    harnesses.push(harness);

    const first = await runNudgeCycle(harness.bot.cycle, "now");
    expect(first.queued).toBe(0);
    const notices = harness.slack.callsOf("chat.postMessage").map((call) => call.params);
    expect(notices.map((message) => message.channel)).toEqual(["UOPS"]);
    expect(notices[0]?.text).toContain("cannot use the pipeline read from csv:/exports/pipeline");
    expect(JSON.stringify(notices[0]?.blocks)).toContain("opportunities.csv, line 2, Amount");

    // The next cycles find the same broken export: nothing more is sent.
    await runNudgeCycle(harness.bot.cycle, "now");
    harness.clock.now = new Date("2026-03-10T15:05:00Z");
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(1);

    // Once the export is fixed, digests go out again.
    load = { snapshot: TEAM, issues: [] };
    const fixed = await runNudgeCycle(harness.bot.cycle, "now");
    expect(fixed.queued).toBeGreaterThan(0);
  });
});
