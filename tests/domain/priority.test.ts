import { describe, expect, it } from "vitest";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { account, NOW, opportunity, snapshot } from "../helpers/builders.ts";

describe("the order of a rep's records", () => {
  it("follows the handbook: stage, then amount, then close date; accounts last", () => {
    const dirty = { howHeard: null };
    const data = snapshot({
      accounts: [account({ tier: null })],
      opportunities: [
        opportunity({ ...dirty, id: "discovery-big", stage: "1-Discovery", amount: 4_900 }),
        opportunity({ ...dirty, id: "pending", stage: "0-Pending Acceptance", amount: 4_999 }),
        opportunity({ ...dirty, id: "signature", stage: "6-Awaiting Signature", amount: 1_000 }),
        opportunity({
          ...dirty,
          id: "discovery-late",
          stage: "1-Discovery",
          amount: 2_000,
          closeDate: "2026-06-01",
        }),
        opportunity({
          ...dirty,
          id: "discovery-soon",
          stage: "1-Discovery",
          amount: 2_000,
          closeDate: "2026-04-01",
        }),
        opportunity({ ...dirty, id: "odd-stage", stage: "Custom Stage", amount: 4_999 }),
      ],
    });
    const evaluation = evaluatePipeline(data, {
      now: NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    const order = evaluation.owners.get("ava@example.com")?.records.map((group) => group.record.id);
    expect(order).toEqual([
      "signature",
      "discovery-big",
      "discovery-soon",
      "discovery-late",
      "pending",
      "odd-stage",
      "001A",
    ]);
  });
});
