import { describe, expect, it } from "vitest";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { segmentPipeline } from "../../src/domain/segments.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { account, NOW, opportunity, rep, snapshot } from "../helpers/builders.ts";

describe("segments", () => {
  it("derives an unrecorded segment from employees as the handbook does", () => {
    const { accounts } = segmentPipeline(
      snapshot({
        accounts: [
          account({ id: "a", segment: null, employees: 99 }),
          account({ id: "b", segment: null, employees: 100 }),
          account({ id: "c", segment: null, employees: 1_999 }),
          account({ id: "d", segment: null, employees: null }),
        ],
      }),
      "MM",
    );
    expect(accounts.map((a) => [a.id, a.segment])).toEqual([
      ["a", "SMB"],
      ["b", "MM"],
      ["c", "MM"],
      ["d", "MM"],
    ]);
  });

  it("leaves Enterprise accounts and their opportunities out, counted, never as SMB", () => {
    const data = snapshot({
      accounts: [
        account({ id: "big", segment: null, employees: 2_000, tier: null }),
        account({ id: "ent", segment: "Enterprise", employees: null, tier: null }),
        account({ id: "small", segment: null, employees: 20 }),
      ],
      opportunities: [
        opportunity({ id: "o-big", accountId: "big", amount: 50_000, howHeard: null }),
        opportunity({ id: "o-small", accountId: "small", howHeard: null }),
      ],
    });
    const evaluation = evaluatePipeline(data, {
      now: NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    const ids = [...evaluation.owners.values()].flatMap((o) => o.records.map((r) => r.record.id));
    expect(ids).toEqual(["o-small"]);
    expect(evaluation.leftOut).toMatchObject({ enterpriseAccounts: 2, enterpriseOpportunities: 1 });
  });

  it("checks segment-mismatch only on a recorded segment", () => {
    const data = snapshot({ accounts: [account({ segment: null, employees: 150 })] });
    const evaluation = evaluatePipeline(data, {
      now: NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    expect(evaluation.findingCount).toBe(0);
  });

  it("gives a rep without a recorded segment the one most of their accounts have", () => {
    const { reps } = segmentPipeline(
      snapshot({
        reps: [rep({ segment: null }), rep({ email: "noah@example.com", segment: null })],
        accounts: [
          account({ id: "a", segment: null, employees: 300 }),
          account({ id: "b", segment: "MM" }),
          account({ id: "c", segment: "SMB" }),
        ],
      }),
      "SMB",
    );
    expect(reps.map((r) => r.segment)).toEqual(["MM", "SMB"]);
  });
});
