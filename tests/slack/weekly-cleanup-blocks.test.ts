// The "Weekly cleanup" section stays short: a count per rule and at most 5 records named, each name
// escaped; the digest's text fallback says it is there.
import { describe, expect, it } from "vitest";
import { planFor } from "../../src/domain/digest-plan.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { splitWeekly } from "../../src/domain/weekly-cleanup.ts";
import { digestMessage, MAX_BLOCKS } from "../../src/messages/digest-blocks.ts";
import { avaEvaluation, opportunity, snapshot } from "../helpers/builders.ts";

const owner = avaEvaluation(
  snapshot({
    opportunities: Array.from({ length: 8 }, (_, index) =>
      opportunity({ id: `006${index}`, name: `<!channel> *Deal ${index}*`, howHeard: null }),
    ),
  }),
);

describe("the Weekly cleanup section", () => {
  const split = splitWeekly(owner, new Set(), new Set(["source-missing"]), true);
  const message = digestMessage(
    { ...planFor(split.digest, 3, DEFAULT_RULE_SETTINGS), weekly: split.weekly },
    { crm: null },
  );
  const all = JSON.stringify(message.blocks);
  const text = all.slice(all.indexOf("*Weekly cleanup*"));

  it("counts the rule's findings and names 5 of its records, escaped", () => {
    expect(text).toContain("*Weekly cleanup* · 8 findings from the rules kept for once a week");
    expect(text).toContain("*No lead source*: 8\\n• &lt;!channel&gt; *Deal 0*");
    expect(all).not.toContain("<!channel>");
    expect(text).toContain("_and 3 more_");
    expect(text).not.toContain("Deal 5");
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(message.text).toContain("Weekly cleanup: 8 findings from the rules kept for once a week.");
  });

  it("is left out on other days", () => {
    const tuesday = splitWeekly(owner, new Set(), new Set(["source-missing"]), false);
    const plain = digestMessage(
      { ...planFor(tuesday.digest, 3, DEFAULT_RULE_SETTINGS), weekly: tuesday.weekly },
      { crm: null },
    );
    expect(JSON.stringify(plain)).not.toContain("Weekly cleanup");
    expect(JSON.stringify(plain)).not.toContain("How the customer heard");
  });
});
