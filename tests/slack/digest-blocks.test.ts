import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/domain/digest.ts";
import { decodeSnooze } from "../../src/slack/ids.ts";
import { digestMessage, MAX_BLOCKS } from "../../src/slack/views/digest-blocks.ts";
import { account, avaEvaluation, opportunity, rep, snapshot, withPlan } from "../helpers/builders.ts";

function digestFor(data: ReturnType<typeof snapshot>) {
  return buildDigest(avaEvaluation(data));
}

function allText(message: ReturnType<typeof digestMessage>): string {
  return JSON.stringify(message.blocks);
}

describe("the digest message", () => {
  it("stays within Slack's limits for a rep with 200 findings, and says how many more", () => {
    const dirty = {
      nextStep: "tbd",
      nextStepDate: "2026-03-01",
      closeDate: "2026-03-02",
      lastActivityDate: null,
    };
    const opportunities = Array.from({ length: 50 }, (_, index) =>
      opportunity({ ...dirty, id: `o${index}`, name: `Deal ${index}`, amount: 1_000 + index }),
    );
    const digest = digestFor(snapshot({ opportunities }));
    expect(digest.findingCount).toBe(200);

    const message = digestMessage(digest, { maxRecords: 100 });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const block of message.blocks) {
      if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    }
    const shownRecords = message.blocks.filter((block) => block.type === "actions").length;
    expect(shownRecords).toBe(23);
    const last = message.blocks.at(-1);
    expect(last).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: `and ${200 - 23 * 4} more — \`/nudge me\`` }],
    });
    expect(message.text).toBe("Pipeline nudges for 2026-03-10: 200 things in 50 records to fix.");
  });

  it("cuts at the configured number of records", () => {
    const opportunities = Array.from({ length: 5 }, (_, index) =>
      opportunity({ id: `o${index}`, howHeard: null }),
    );
    const message = digestMessage(digestFor(snapshot({ opportunities })), { maxRecords: 3 });
    expect(message.blocks.filter((block) => block.type === "actions")).toHaveLength(3);
    expect(allText(message)).toContain("and 2 more");
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
    const message = digestMessage(digestFor(snapshot({ opportunities: [opp] })), { maxRecords: 10 });
    const section = message.blocks[2];
    expect(section?.type).toBe("section");
    if (section?.type === "section") expect(section.text?.text.length).toBeLessThanOrEqual(3000);
  });

  it("escapes CRM text so it cannot ping the channel or forge a link", () => {
    const opp = opportunity({
      name: "Smith & Sons <!channel> <@U123|boss>",
      nextStep: "tbd <!here>",
      howHeard: "<https://evil.example|click me>",
    });
    const text = allText(digestMessage(digestFor(snapshot({ opportunities: [opp] })), { maxRecords: 10 }));
    expect(text).toContain("Smith &amp; Sons &lt;!channel&gt; &lt;@U123|boss&gt;");
    expect(text).toContain("“tbd &lt;!here&gt;”");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U123");
  });

  it("puts update, snooze and open buttons on an opportunity; snooze carries its findings", () => {
    const opp = opportunity({ howHeard: null, nextStep: "tbd", url: "https://acme.my.salesforce.com/006A" });
    const message = digestMessage(digestFor(snapshot({ reps: [rep()], opportunities: [opp] })), {
      maxRecords: 10,
    });
    const actions = message.blocks.find((block) => block.type === "actions");
    if (actions?.type !== "actions") throw new Error("no actions block");
    expect(actions.elements.map((element) => element.type)).toEqual(["button", "static_select", "button"]);
    const [update, snooze, open] = actions.elements;
    expect(update).toMatchObject({ text: { text: "Update next step" }, value: "006A" });
    expect(open).toMatchObject({
      text: { text: "Open in Salesforce" },
      url: "https://acme.my.salesforce.com/006A",
    });
    if (snooze?.type !== "static_select") throw new Error("no snooze");
    expect(snooze.options?.map((option) => option.text.text)).toEqual([
      "Snooze 1 day",
      "Snooze 3 days",
      "Snooze 1 week",
    ]);
    const value = snooze.options?.[2]?.value ?? "";
    expect(value.length).toBeLessThanOrEqual(150);
    expect(decodeSnooze(value)).toEqual({
      days: 7,
      recordType: "opportunity",
      recordId: "006A",
      rules: ["next-step-vague", "source-missing"],
    });
  });

  it("offers no Salesforce link when the source has none, and no next step button on an account", () => {
    const message = digestMessage(
      digestFor(
        snapshot({ accounts: [account({ tier: null })], opportunities: [opportunity({ howHeard: null })] }),
      ),
      { maxRecords: 10 },
    );
    const rows = message.blocks.filter((block) => block.type === "actions");
    const labels = rows.map((row) =>
      row.type === "actions" ? row.elements.map((element) => element.action_id) : [],
    );
    expect(labels).toEqual([["nudge_update_next_step", "nudge_snooze"], ["nudge_snooze"]]);
  });

  it("greets the rep and states the scorecard", () => {
    const message = digestMessage(digestFor(snapshot({ opportunities: [opportunity({ howHeard: null })] })), {
      maxRecords: 10,
    });
    expect(message.blocks[1]).toMatchObject({
      text: { text: "Hi Ava, 1 thing in 1 record breaks the Required 7. Your scorecard: *80%*." },
    });
  });
});
