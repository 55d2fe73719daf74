import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { buildDigest, type Digest } from "../../src/domain/digest.ts";
import { type DigestPlan, planFor } from "../../src/domain/digest-plan.ts";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { accountedFindings, digestMessage, MAX_BLOCKS } from "../../src/messages/digest-blocks.ts";
import { ACTION_IDS, decodeFix, decodeSnooze } from "../../src/messages/ids.ts";
import { homeView } from "../../src/slack/views/home-view.ts";
import { ruleListMessage } from "../../src/slack/views/rule-list.ts";
import { SAMPLE_NOW, sampleSource } from "../../src/sources/sample/sample-source.ts";
import { account, avaEvaluation, opportunity, rep, snapshot, withPlan } from "../helpers/builders.ts";
import { expectNoRuleIds } from "../helpers/read-text.ts";

function digestFor(data: ReturnType<typeof snapshot>): Digest {
  return buildDigest(avaEvaluation(data));
}

const plan = (digest: Digest, focus = 3): DigestPlan => planFor(digest, focus, DEFAULT_RULE_SETTINGS);

/** Slack's limits on what a digest is made of. */
function expectWithinLimits(blocks: KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  for (const block of blocks) {
    if (block.block_id) expect(block.block_id.length).toBeLessThanOrEqual(255);
    if (block.type === "section") expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const elements =
      block.type === "actions"
        ? block.elements
        : block.type === "section" && block.accessory
          ? [block.accessory]
          : [];
    for (const element of elements) {
      if (element.type === "button") expect(element.text.text.length).toBeLessThanOrEqual(75);
      if (element.type === "overflow") {
        expect(element.options.length).toBeLessThanOrEqual(5);
        for (const option of element.options) expect(option.text.text.length).toBeLessThanOrEqual(75);
      }
    }
  }
}

describe("the digest on the bundled sample", () => {
  it("accounts for every finding of every rep, within Slack's limits and in words", async () => {
    const { snapshot: sample } = await sampleSource().load();
    const evaluation = evaluatePipeline(sample, {
      now: SAMPLE_NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    const digests = [...evaluation.owners.values()]
      .map((owner) => buildDigest(owner))
      .filter((digest) => digest.findingCount > 0);
    expect(digests.length).toBeGreaterThan(30);
    for (const digest of digests) {
      const planned = plan(digest);
      expect(accountedFindings(planned), digest.owner).toBe(digest.findingCount);
      expect(planned.focus.length).toBe(Math.min(3, digest.records.length));
      const message = digestMessage(planned, { crm: "Salesforce" });
      expectWithinLimits(message.blocks);
      expectNoRuleIds(message);
      // No more than the focus records plus one line per rule.
      expect(message.blocks.filter((block) => block.type === "actions")).toHaveLength(planned.focus.length);
      expect(new Set(planned.lines.map((line) => line.rule)).size).toBe(planned.lines.length);
      expectNoRuleIds(homeView({ plan: planned, crm: null, openRule: planned.lines[0]?.rule ?? null }, []));
    }
  });
});

describe("the digest message", () => {
  const dirty = {
    nextStep: "tbd",
    nextStepDate: "2026-03-01",
    closeDate: "2026-03-02",
    lastActivityDate: null,
  };
  const crowd = Array.from({ length: 100 }, (_, index) =>
    opportunity({ ...dirty, id: `o${index}`, name: `Deal ${index}`, amount: 1_000 + index }),
  );

  it("accounts for all 400 findings of a crowded pipeline within Slack's limits", () => {
    const digest = digestFor(snapshot({ opportunities: crowd }));
    expect(digest.findingCount).toBe(400);
    const planned = plan(digest);
    expect(accountedFindings(planned)).toBe(400);
    const message = digestMessage(planned, { crm: null });
    expectWithinLimits(message.blocks);
    expectNoRuleIds(message);
    const lines = message.blocks.filter((block) => block.type === "section" && block.accessory);
    expect(lines.map((block) => (block.type === "section" ? block.text?.text : ""))).toEqual([
      "97 more opportunities have a next step date that has passed",
      "97 more opportunities have a next step too vague to act on",
      "97 more opportunities have no logged activity in 14 days",
      "97 more opportunities have a close date that has passed",
    ]);
    expect(message.text).toBe("Pipeline nudges for 2026-03-10: 400 things in 100 records to fix.");
    // The rule list behind a line shows as many records as fit, and says how many more.
    const list = ruleListMessage(planned, planned.lines[0] ?? null, null);
    expectWithinLimits(list.blocks);
    expect(list.blocks.filter((block) => block.type === "actions")).toHaveLength(24);
    expect(JSON.stringify(list.blocks.at(-1))).toContain("…and 73 more.");
  });

  it("keeps a record's text under 3,000 characters however long its fields", () => {
    const long = "x".repeat(2_900);
    const opp = opportunity({
      name: `Acme ${long}`,
      nextStep: "tbd",
      amount: 90_000,
      iacv: 90_000,
      commandPlan: withPlan({ whyNow: null, champion: null }),
    });
    const message = digestMessage(plan(digestFor(snapshot({ opportunities: [opp] }))), { crm: null });
    expectWithinLimits(message.blocks);
  });

  it("escapes CRM text so it cannot ping the channel or forge a link", () => {
    const opp = opportunity({
      name: "Smith & Sons <!channel> <@U123|boss>",
      nextStep: "tbd <!here>",
      howHeard: "<https://evil.example|click me>",
    });
    const text = JSON.stringify(
      digestMessage(plan(digestFor(snapshot({ opportunities: [opp] }))), { crm: null }),
    );
    expect(text).toContain("Smith &amp; Sons &lt;!channel&gt; &lt;@U123|boss&gt;");
    expect(text).not.toContain("<!channel>");
  });

  it("gives each focus record the fix of its first finding, its other fixes beside it, and snooze", () => {
    const opp = opportunity({ howHeard: null, nextStep: "tbd", url: "https://acme.my.salesforce.com/006A" });
    const message = digestMessage(plan(digestFor(snapshot({ reps: [rep()], opportunities: [opp] }))), {
      crm: "Salesforce",
    });
    const actions = message.blocks.find((block) => block.type === "actions");
    if (actions?.type !== "actions") throw new Error("no actions block");
    expect(actions.block_id).toBe("record:opportunity:006A");
    const [fix, more, snooze] = actions.elements;
    expect(fix).toMatchObject({
      action_id: ACTION_IDS.fix,
      style: "primary",
      text: { text: "Update next step" },
    });
    expect(fix?.type === "button" && decodeFix(fix.value ?? "")).toEqual({
      kind: "next-step",
      recordType: "opportunity",
      recordId: "006A",
    });
    if (more?.type !== "overflow") throw new Error("no overflow");
    expect(more.action_id).toBe(ACTION_IDS.moreFixes);
    expect(more.options.map((option) => option.text.text)).toEqual([
      "Set how they heard",
      "Open in Salesforce",
    ]);
    expect(decodeFix(more.options[0]?.value ?? "")?.kind).toBe("how-heard");
    expect(more.options[1]?.url).toBe("https://acme.my.salesforce.com/006A");
    if (snooze?.type !== "static_select") throw new Error("no snooze");
    expect(decodeSnooze(snooze.options?.[2]?.value ?? "")).toEqual({
      days: 7,
      recordType: "opportunity",
      recordId: "006A",
      rules: ["next-step-vague", "source-missing"],
    });
  });

  it("opens the record in the CRM where nothing can be written, and says where to fix on CSV", () => {
    const opp = opportunity({ lastActivityDate: null, url: "https://acme.my.salesforce.com/006A" });
    const digest = digestFor(
      snapshot({ opportunities: [opp], accounts: [account({ segment: "SMB", employees: 500 })] }),
    );
    const rows = (crm: string | null) =>
      digestMessage(plan(digest), { crm }).blocks.flatMap((block) =>
        block.type === "actions" ? [block.elements[0]] : [],
      );
    expect(rows("Salesforce")).toMatchObject([
      {
        action_id: ACTION_IDS.openRecord,
        text: { text: "Open in Salesforce" },
        url: "https://acme.my.salesforce.com/006A",
      },
      { action_id: ACTION_IDS.fix, text: { text: "Open in Salesforce" } },
    ]);
    expect(rows(null)).toMatchObject([
      { action_id: ACTION_IDS.fix, text: { text: "Where to fix" } },
      { action_id: ACTION_IDS.fix, text: { text: "Where to fix" } },
    ]);
  });

  it("reads 'closed on' for a closed deal, and offers no next step or close date fix", () => {
    const opp = opportunity({ isClosed: true, isWon: true, stage: "Closed Won", closeDate: "2026-02-23" });
    const message = digestMessage(plan(digestFor(snapshot({ opportunities: [opp] }))), { crm: null });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("closed on 2026-02-23");
    expect(text).not.toContain("closes 2026-02-23");
    const actions = message.blocks.find((block) => block.type === "actions");
    expect(actions?.type === "actions" && actions.elements[0]).toMatchObject({
      text: { text: "Set the reason" },
    });
  });

  it("opens with progress since the last digest and marks new findings new", () => {
    const digest = digestFor(snapshot({ opportunities: [opportunity({ howHeard: null, nextStep: "tbd" })] }));
    const first = digestMessage(plan(digest), { crm: null });
    expect(JSON.stringify(first.blocks)).not.toContain("Since your digest");
    expect(JSON.stringify(first.blocks)).not.toContain("*new*");
    const later = planFor(digest, 3, DEFAULT_RULE_SETTINGS, {
      newKeys: new Set(["source-missing|006A"]),
      progress: { since: "2026-03-09", fixed: 4, new: 1, scoreBefore: 0.72, scoreNow: 0.76 },
    });
    const message = digestMessage(later, { crm: null });
    expect(message.blocks[1]).toMatchObject({
      text: { text: "Since your digest of 2026-03-09: *4 fixed*, 1 new. Required 7: 72% → 76%." },
    });
    expect(JSON.stringify(message.blocks)).toContain("• *new*  How the customer heard");
  });

  it("greets the rep, counts what to fix and states the score", () => {
    const message = digestMessage(
      plan(digestFor(snapshot({ opportunities: [opportunity({ howHeard: null })] }))),
      {
        crm: null,
      },
    );
    expect(message.blocks[1]).toMatchObject({
      text: { text: "Hi Ava, 1 thing to fix. Start with this one. Your Required 7: *80%*." },
    });
  });
});
