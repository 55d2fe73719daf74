import { describe, expect, it } from "vitest";
import { digestText } from "../../src/cli/digest-text.ts";
import { buildDigest } from "../../src/domain/digest.ts";
import { planFor } from "../../src/domain/digest-plan.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { avaEvaluation, opportunity, snapshot } from "../helpers/builders.ts";

describe("a digest as terminal text", () => {
  const plan = planFor(
    buildDigest(avaEvaluation(snapshot({ opportunities: [opportunity({ howHeard: null })] }))),
    3,
    DEFAULT_RULE_SETTINGS,
  );

  it("lists Support's forwarded tickets with their tag and link, before the records", () => {
    const text = digestText({
      ...plan,
      fromSupport: [
        {
          ticketId: 4021,
          subject: "Refund seats",
          tag: "refund",
          url: "https://acme.zendesk.com/agent/tickets/4021",
        },
      ],
    });
    expect(text).toContain(
      "From Support:\n     #4021 Refund seats · refund · https://acme.zendesk.com/agent/tickets/4021",
    );
    expect(text.indexOf("From Support")).toBeLessThan(text.indexOf("Start with"));
  });

  it("has no such heading without them", () => {
    expect(digestText(plan)).not.toContain("From Support");
  });
});
