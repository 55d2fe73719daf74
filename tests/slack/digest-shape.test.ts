// The digest's shape end to end, through the real Bolt routing: focus records and rule lines in the
// DM, /nudge me and App Home; a rule line's button; progress since the last digest; and the finding
// history counting a rule line's findings as nudged.
import type { KnownBlock } from "@slack/types";
import { afterEach, describe, expect, it } from "vitest";
import { RULE_IDS } from "../../src/domain/findings.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import { ACTION_IDS } from "../../src/messages/ids.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { eventually, type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";
import { opportunity } from "../helpers/builders.ts";
import { memorySource } from "../helpers/memory-source.ts";
import { expectNoRuleIds, readText } from "../helpers/read-text.ts";

const NOW = "2026-03-10T15:00:00Z";
/** One focus record: Ava's 006A leads, 006B's overdue next step is counted in a rule line. */
const FOCUS_ONE = "digest:\n  focus: 1\n";
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

const parse = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/** Ava's digests, in the order they were posted. */
function postedBlocks(h: Harness, index = 0): KnownBlock[] {
  const ava = h.slack.callsOf("chat.postMessage").filter((call) => call.params.channel === "UAVA");
  return parse<KnownBlock[]>(ava[index]?.params.blocks);
}

function showRuleButton(blocks: KnownBlock[], rule: string) {
  const line = blocks.find((block) => block.block_id === `rule:${rule}`);
  if (line?.type !== "section" || line.accessory?.type !== "button") throw new Error(`no line for ${rule}`);
  return line.accessory;
}

describe("a rule line's button", () => {
  it("lists that rule's records as an ephemeral reply with the same buttons", async () => {
    harness = await startHarness({ now: NOW, yaml: FOCUS_ONE });
    await runNudgeCycle(harness.bot.cycle, "now");
    const blocks = postedBlocks(harness);
    expect(blocks.filter((block) => block.type === "actions").map((block) => block.block_id)).toEqual([
      "record:opportunity:006A",
    ]);
    const button = showRuleButton(blocks, "next-step-overdue");
    expect(readText(blocks)).toContain("1 more opportunity has a next step date that has passed");
    expectNoRuleIds(blocks);
    const message = harness.slack.delivered.find((delivered) => delivered.channel === "DAVA");
    await harness.interaction({
      type: "block_actions",
      user: { id: "UAVA" },
      trigger_id: "trigger-1",
      response_url: "http://slack.test/respond/rule-1",
      container: {
        type: "message",
        channel_id: message?.channel,
        message_ts: message?.ts,
        is_ephemeral: false,
      },
      channel: { id: message?.channel },
      message: { ts: message?.ts, text: "digest", blocks },
      actions: [{ ...button, block_id: "rule:next-step-overdue", action_ts: "1" }],
    });
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params as {
      response_type: string;
      replace_original: boolean;
      blocks: KnownBlock[];
    };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.replace_original).toBe(false);
    const rows = reply.blocks.filter((block) => block.type === "actions");
    expect(rows.map((row) => row.block_id)).toEqual(["record:opportunity:006B"]);
    expect(rows[0]?.type === "actions" && rows[0].elements.map((element) => element.action_id)).toEqual([
      ACTION_IDS.fix,
      ACTION_IDS.snooze,
    ]);
    expect(readText(reply.blocks)[0]).toBe("*1 opportunity has a next step date that has passed*");
    expectNoRuleIds(reply.blocks);
  });

  it("opens the line up in App Home when pressed there", async () => {
    harness = await startHarness({ now: NOW, yaml: FOCUS_ONE });
    await harness.event({ type: "app_home_opened", user: "UAVA", channel: "DAVA", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 1);
    const home = parse<{ blocks: KnownBlock[] }>(harness.slack.callsOf("views.publish")[0]?.params.view);
    expectNoRuleIds(home);
    expect(home.blocks.filter((block) => block.type === "actions")).toHaveLength(1);
    const button = showRuleButton(home.blocks, "next-step-overdue");
    await harness.interaction({
      type: "block_actions",
      user: { id: "UAVA" },
      trigger_id: "trigger-2",
      container: { type: "view", view_id: "V1" },
      view: { id: "V1", type: "home" },
      actions: [{ ...button, block_id: "rule:next-step-overdue", action_ts: "1" }],
    });
    await eventually(() => harness.slack.callsOf("views.publish").length === 2);
    const opened = parse<{ blocks: KnownBlock[] }>(harness.slack.callsOf("views.publish")[1]?.params.view);
    expect(opened.blocks.filter((block) => block.type === "actions").map((block) => block.block_id)).toEqual([
      "record:opportunity:006A",
      "record:opportunity:006B",
    ]);
    expectNoRuleIds(opened);
  });
});

describe("/nudge me", () => {
  it("answers in the digest's shape, rules in words", async () => {
    harness = await startHarness({ now: NOW, yaml: FOCUS_ONE });
    await harness.command("UAVA", "me");
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params as { blocks: KnownBlock[] };
    expect(reply.blocks.filter((block) => block.type === "actions")).toHaveLength(1);
    expect(showRuleButton(reply.blocks, "next-step-overdue").value).toBe(
      String(RULE_IDS.indexOf("next-step-overdue")),
    );
    expectNoRuleIds(reply.blocks);
  });
});

describe("the second digest", () => {
  it("opens with what was fixed and what is new since the first, and the score's move", async () => {
    const data: Snapshot = structuredClone(TEAM);
    harness = await startHarness({ now: NOW, yaml: FOCUS_ONE, source: memorySource(data) });
    // memorySource copies `data` at each read, so changing it is the reps' work between scans.
    await runNudgeCycle(harness.bot.cycle, "now");
    const first = JSON.stringify(postedBlocks(harness, 0));
    expect(first).not.toContain("Since your digest");
    expect(first).not.toContain("*new*");

    // A rule line's finding is nudged as a focus one is.
    const episodes = await harness.bot.store.history.episodesSince("2026-03-01");
    const overdue = episodes.find(
      (episode) => episode.rule === "next-step-overdue" && episode.recordId === "006B",
    );
    expect(overdue?.nudgedOn).toBe("2026-03-10");

    // Overnight Ava records how 006A's customer heard of us; a new deal comes in without it.
    const opp = data.opportunities.find((candidate) => candidate.id === "006A");
    if (opp) opp.howHeard = "Webinar";
    data.opportunities.push(opportunity({ id: "006N", name: "Newco - New", amount: 2_500, howHeard: null }));
    harness.clock.now = new Date("2026-03-11T15:00:00Z");
    await runNudgeCycle(harness.bot.cycle, "now");
    const second = postedBlocks(harness, 1);
    expect(readText(second)[1]).toMatch(
      /^Since your digest of 2026-03-10: \*1 fixed\*, 1 new\. Required 7: \d+% → \d+%\.$/,
    );
    expect(second.find((block) => block.type === "actions")?.block_id).toBe("record:opportunity:006N");
    expect(JSON.stringify(second)).toContain("• *new*  How the customer heard");
  });
});
