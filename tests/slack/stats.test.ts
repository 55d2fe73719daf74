// /nudge stats, the App Home section and the /metrics gauges, over history the real cycle wrote.
import { afterEach, describe, expect, it } from "vitest";
import { holdoutVerdict } from "../../src/domain/holdout.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import { statsBlocks } from "../../src/slack/views/stats-blocks.ts";
import { eventually, type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

/** Two days of cycles: nudged on Tuesday, Ava fixes the source of 006A by Thursday. */
async function twoDaysOfNudges(): Promise<Harness> {
  const source = { name: "test", data: TEAM, load: async () => ({ snapshot: source.data, issues: [] }) };
  const started = await startHarness({ now: "2026-03-10T15:00:00Z", source });
  await started.bot.service.runNow();
  const fixed: Snapshot = {
    ...TEAM,
    opportunities: TEAM.opportunities.map((opp) =>
      opp.id === "006A" ? { ...opp, howHeard: "Referral" } : opp,
    ),
  };
  source.data = fixed;
  started.clock.now = new Date("2026-03-12T15:00:00Z");
  await started.bot.service.runNow();
  return started;
}

async function stats(user: string): Promise<{ text: string; table: string }> {
  const before = harness.slack.callsOf("respond").length;
  await harness.command(user, "stats");
  await eventually(() => harness.slack.callsOf("respond").length === before + 1);
  const reply = harness.slack.callsOf("respond")[before]?.params as {
    text: string;
    blocks: { text?: { text: string } }[];
  };
  return { text: reply.text, table: reply.blocks.map((block) => block.text?.text ?? "").join("\n") };
}

describe("/nudge stats", () => {
  it("shows admins every rule's effectiveness, managers their team's, and refuses reps", async () => {
    harness = await twoDaysOfNudges();
    const admin = await stats("UOPS");
    expect(admin.text).toBe("Nudge effectiveness for everyone: 0 noisy rules");
    // opened 3 (Ava, Ken, Cy), nudged 2 (Cy is not in Slack), 1 fixed within 3 working days, 2 open.
    expect(admin.table).not.toContain("source-missing");
    expect(admin.table).toMatch(/No lead source\s+3\s+2\s+1\s+50%\s+2\s+2\s+0%/);

    const manager = await stats("UMIA");
    expect(manager.text).toContain("the team of Mia Manager");
    expect(manager.table).toMatch(/No lead source\s+2\s+2\s+1\s+50%/);

    const rep = await stats("UAVA");
    expect(rep.text).toContain("`/nudge stats` is for managers and admins");
  });

  it("adds the report to App Home for admins and managers only, and exports fix rates in /metrics", async () => {
    harness = await twoDaysOfNudges();
    await harness.event({ type: "app_home_opened", user: "UOPS", channel: "DOPS", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 1);
    expect(JSON.stringify(harness.slack.callsOf("views.publish")[0]?.params.view)).toContain(
      "Do nudges work?",
    );
    await harness.event({ type: "app_home_opened", user: "UAVA", channel: "DAVA", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 2);
    expect(JSON.stringify(harness.slack.callsOf("views.publish")[1]?.params.view)).not.toContain(
      "Do nudges work?",
    );

    const metrics = await harness.metrics.registry.metrics();
    expect(metrics).toContain('nudgebot_rule_fix_rate{rule="source-missing"} 0.5');
    expect(metrics).toContain('nudgebot_rule_nudged{rule="source-missing"} 2');
    expect(metrics).toContain('nudgebot_rule_noisy{rule="source-missing"} 0');
    expect(metrics).not.toContain('nudgebot_rule_fix_rate{rule="deck-missing"}');
  });
});

describe("/nudge stats with a holdout", () => {
  it("adds the holdout's table, saying when data is still short", async () => {
    harness = await startHarness({
      now: "2026-03-10T15:00:00Z",
      yaml: "effectiveness: { holdoutPercent: 30 }",
    });
    await harness.bot.service.runNow();
    harness.clock.now = new Date("2026-03-16T15:00:00Z");
    await harness.bot.service.runNow();
    const admin = await stats("UOPS");
    expect(admin.table).toContain("Holdout: 30% of new findings held out of digests for 3 working days");
    expect(admin.table).toMatch(
      /No lead source\s+.*not enough data yet \(\d+ held out and \d+ nudged, 30 needed\)/,
    );
  });

  it("names each rule the holdout proves, in words", () => {
    const verdict = holdoutVerdict({ n: 40, fixed: 30 }, { n: 40, fixed: 10 });
    const blocks = statsBlocks({
      scope: "everyone",
      report: {
        period: { since: "2026-03-01", until: "2026-03-28" },
        rules: [],
        ruleWeeks: [],
        weeks: [],
        holdout: { percent: 30, workingDays: 3, verdicts: new Map([["source-missing", verdict]]) },
      },
    });
    const text = JSON.stringify(blocks);
    expect(text).toContain(
      "No lead source: proven, nudges fix 50.0 points more than leaving it alone (95% interval +",
    );
    expect(text).toMatch(
      /No lead source\s+30\/40 \(75%\)\s+10\/40 \(25%\)\s+\+50\.0\s+\+\d+\.\d to \+\d+\.\d\s+proven/,
    );
  });
});
