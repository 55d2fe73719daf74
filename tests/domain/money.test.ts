import { describe, expect, it } from "vitest";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { convert, formatOpportunityMoney, type RateTable } from "../../src/domain/money.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { account, NOW, opportunity, snapshot } from "../helpers/builders.ts";

// Salesforce's shape: units of each currency per one US dollar (the corporate currency).
const RATES: RateTable = {
  base: "USD",
  rates: { EUR: 0.9, JPY: 150 },
  dated: [
    { currency: "EUR", rate: 0.8, from: "2026-01-01", until: "2026-04-01" },
    { currency: "EUR", rate: 0.95, from: "2026-04-01", until: null },
  ],
};

function rulesFor(opp: Parameters<typeof opportunity>[0], segment: "SMB" | "MM" = "SMB") {
  const data = snapshot({
    accounts: [account({ segment, employees: segment === "SMB" ? 50 : 500 })],
    opportunities: [opportunity({ deckUrl: null, iacv: null, ...opp })],
    rates: RATES,
  });
  const evaluation = evaluatePipeline(data, {
    now: NOW,
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
  });
  return {
    evaluation,
    rules: [...evaluation.owners.values()].flatMap((o) =>
      o.records.flatMap((r) => r.findings.map((f) => f.rule)),
    ),
  };
}

describe("amounts in other currencies", () => {
  it("compares a ¥600,000 SMB deal as $4,000: no deck needed", () => {
    expect(rulesFor({ amount: 600_000, currency: "JPY", closeDate: "2026-06-30" }).rules).not.toContain(
      "deck-missing",
    );
    expect(rulesFor({ amount: 600_000, currency: null as never }).rules).toContain("deck-missing");
  });

  it("converts before the threshold: just under and just over the Mid-Market $10,000", () => {
    // Dated rate for a close date in April: 0.95 EUR per USD.
    const under = rulesFor({ amount: 9_499, currency: "EUR", closeDate: "2026-04-30" }, "MM");
    const over = rulesFor({ amount: 9_501, currency: "EUR", closeDate: "2026-04-30" }, "MM");
    expect(under.rules).not.toContain("deck-missing");
    expect(over.rules).toContain("deck-missing");
  });

  it("uses the dated rate of the close date", () => {
    expect(convert(8_000, "EUR", "USD", "2026-03-31", RATES)).toBeCloseTo(10_000);
    expect(convert(9_500, "EUR", "USD", "2026-04-01", RATES)).toBeCloseTo(10_000);
    // Before any dated rate: the plain CurrencyType rate.
    expect(convert(9_000, "EUR", "USD", "2025-12-31", RATES)).toBeCloseTo(10_000);
  });

  it("shows the record's own money with the converted figure", () => {
    const { evaluation } = rulesFor({ amount: 9_600, currency: "EUR", closeDate: "2026-06-30" }, "MM");
    const record = [...evaluation.owners.values()][0]?.records[0]?.record;
    expect(formatOpportunityMoney(record as never)).toBe("€9,600 (≈ $10,105)");
    expect(formatOpportunityMoney({ amount: 600_000, currency: "JPY" })).toBe("¥600,000");
  });

  it("leaves out and counts a record in a currency with no rate", () => {
    const { evaluation, rules } = rulesFor({ amount: 50_000, currency: "CHF", howHeard: null });
    expect(rules).toEqual([]);
    expect(evaluation.leftOut.noRate).toEqual({ CHF: 1 });
  });
});

describe("a digest in a multi-currency org", () => {
  it("shows each record's own money and the converted amount", async () => {
    const { buildDigest } = await import("../../src/domain/digest.ts");
    const { digestMessage } = await import("../../src/messages/digest-blocks.ts");
    const { planFor } = await import("../../src/domain/digest-plan.ts");
    const data = snapshot({
      accounts: [account({ segment: "MM", employees: 500 })],
      opportunities: [
        opportunity({ amount: 9_600, currency: "EUR", closeDate: "2026-06-30", deckUrl: null }),
      ],
      rates: RATES,
    });
    const evaluation = evaluatePipeline(data, {
      now: NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    const owner = evaluation.owners.get("ava@example.com");
    if (!owner) throw new Error("no Ava");
    const plan = planFor(buildDigest(owner), 3, DEFAULT_RULE_SETTINGS);
    const text = JSON.stringify(digestMessage(plan, { crm: null }).blocks);
    expect(text).toContain("€9,600 (≈ $10,105)");
  });
});

describe("what a finding says about money", () => {
  it("names the amount in the configured currency", async () => {
    const { explain } = await import("../../src/domain/messages.ts");
    const settings = { ...DEFAULT_RULE_SETTINGS, currency: "EUR" };
    const data = snapshot({
      accounts: [account({ segment: "SMB" })],
      opportunities: [
        opportunity({ amount: 600_000, currency: "JPY", deckUrl: null, closeDate: "2026-06-30" }),
      ],
      rates: RATES,
    });
    const evaluation = evaluatePipeline(data, { now: NOW, settings, defaultTimezone: "UTC" });
    const deck = [...evaluation.owners.values()]
      .flatMap((o) => o.records.flatMap((r) => r.findings))
      .find((f) => f.rule === "deck-missing");
    // ¥600,000 is €3,800 at June's dated rate (0.95 € per $): under the €5,000 threshold.
    expect(deck).toBeUndefined();
    const big = evaluatePipeline(
      {
        ...data,
        opportunities: [
          opportunity({ amount: 1_500_000, currency: "JPY", deckUrl: null, closeDate: "2026-06-30" }),
        ],
      },
      { now: NOW, settings, defaultTimezone: "UTC" },
    );
    // ¥1,500,000 is €9,500.
    const finding = [...big.owners.values()]
      .flatMap((o) => o.records.flatMap((r) => r.findings))
      .find((f) => f.rule === "deck-missing");
    expect(explain(finding as never).problem).toBe("No custom deck on a €9,500 opportunity.");
  });
});
