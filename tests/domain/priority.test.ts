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

describe("stage order when none is configured", () => {
  const settings = { ...DEFAULT_RULE_SETTINGS, stageOrder: null };
  const order = (data: ReturnType<typeof snapshot>) =>
    [...evaluatePipeline(data, { now: NOW, settings, defaultTimezone: "UTC" }).owners.values()].flatMap((o) =>
      o.records.map((r) => r.record.id),
    );
  const opps = ["Qualification", "Closed Won", "4-Proposal", "10-Contract", "Prospecting"].map((stage) =>
    opportunity({ id: stage, stage, howHeard: null }),
  );

  it("takes the CRM's own order when the source gives one", () => {
    const data = snapshot({
      opportunities: opps,
      stageOrder: ["Closed Won", "Qualification", "Prospecting"],
    });
    expect(order(data)).toEqual(["Closed Won", "Qualification", "Prospecting", "10-Contract", "4-Proposal"]);
  });

  it("otherwise ranks by a leading number in the stage name, highest first, then alphabetically", () => {
    expect(order(snapshot({ opportunities: opps }))).toEqual([
      "10-Contract",
      "4-Proposal",
      "Closed Won",
      "Prospecting",
      "Qualification",
    ]);
  });

  it("lets the config's order win over the CRM's", () => {
    const data = snapshot({ opportunities: opps, stageOrder: ["Closed Won"] });
    const configured = { ...settings, stageOrder: ["Prospecting"] };
    const ids = [
      ...evaluatePipeline(data, { now: NOW, settings: configured, defaultTimezone: "UTC" }).owners.values(),
    ].flatMap((o) => o.records.map((r) => r.record.id));
    expect(ids[0]).toBe("Prospecting");
  });
});
