import { describe, expect, it } from "vitest";
import {
  type FieldAvailability,
  formatRuleStates,
  RULE_NEEDS,
  ruleStates,
} from "../../src/domain/availability.ts";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { RULE_IDS } from "../../src/domain/findings.ts";
import { COMMAND_PLAN_FIELDS } from "../../src/domain/model.ts";
import { scorecard } from "../../src/domain/scorecard.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { account, NOW, opportunity, snapshot, withPlan } from "../helpers/builders.ts";

const EVERY_FIELD = [
  ...[
    "nextStep",
    "nextStepDate",
    "deckUrl",
    "amount",
    "iacv",
    "howHeard",
    "closedReason",
    "lastActivityDate",
    "closeDate",
    "accountId",
  ],
  ...COMMAND_PLAN_FIELDS,
].map((field) => `opportunity.${field}`);
const ACCOUNT_FIELDS = [
  "account.tier",
  "account.potentialUsers",
  "account.tierNotes",
  "account.segment",
  "account.employees",
];

function available(...without: string[]): FieldAvailability {
  return {
    fields: new Set([...EVERY_FIELD, ...ACCOUNT_FIELDS].filter((field) => !without.includes(field))),
    hint: (field) => `map salesforce.fieldMap.${field}`,
  };
}

function findings(data = snapshot(), fields = available()) {
  const evaluation = evaluatePipeline(data, {
    now: NOW,
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
    available: fields,
  });
  return {
    evaluation,
    rules: [...evaluation.owners.values()].flatMap((o) =>
      o.records.flatMap((r) => r.findings.map((f) => f.rule)),
    ),
  };
}

describe("which rules are on", () => {
  it("turns each rule off when a field it needs is missing, naming the field and the key", () => {
    for (const rule of RULE_IDS) {
      const needed = RULE_NEEDS[rule];
      const missing = needed.all[0];
      if (!missing) continue; // needs only one of several: below
      const state = ruleStates(available(missing), []).find((s) => s.rule === rule);
      expect(state).toEqual({
        rule,
        on: false,
        reason: `no field for ${missing}: map salesforce.fieldMap.${missing}`,
      });
    }
  });

  it("keeps a rule on with any one of its optional fields, off with none", () => {
    const overview = ["whyDoAnything", "whyNow", "whyUs", "closePlan"].map((f) => `opportunity.${f}`);
    const states = ruleStates(available(...overview.slice(1)), []);
    expect(states.find((s) => s.rule === "command-plan-overview-missing")?.on).toBe(true);
    const none = ruleStates(available(...overview), []);
    expect(none.find((s) => s.rule === "command-plan-overview-missing")?.reason).toMatch(
      /^no field for any of opportunity\.whyDoAnything, .*: map salesforce\.fieldMap\.opportunity\.whyDoAnything/,
    );
  });

  it("runs possible-duplicate on an account id or an account name, and says when it compares names only", () => {
    const state = (...without: string[]) =>
      ruleStates(available(...without), []).find((s) => s.rule === "possible-duplicate");
    expect(state()).toEqual({ rule: "possible-duplicate", on: true, reason: null });
    expect(state("opportunity.accountId")?.reason).toBe(
      "no field for any of opportunity.accountId, opportunity.accountName: map salesforce.fieldMap.opportunity.accountId (or any other of them)",
    );
    const byName = ruleStates(
      {
        fields: new Set([
          ...EVERY_FIELD.filter((f) => f !== "opportunity.accountId"),
          "opportunity.accountName",
        ]),
        hint: () => "",
      },
      [],
    );
    expect(byName.find((s) => s.rule === "possible-duplicate")?.on).toBe(true);
    const namesOnly = ruleStates(available("opportunity.amount"), []);
    expect(formatRuleStates(namesOnly).find((line) => line.startsWith("possible-duplicate"))).toBe(
      "possible-duplicate             on  compares names only: no field for opportunity.amount: map salesforce.fieldMap.opportunity.amount",
    );
  });

  it("says a rule in rules.disabled is off and how to turn it on", () => {
    const lines = formatRuleStates(ruleStates(undefined, ["segment-mismatch"]));
    expect(lines).toHaveLength(RULE_IDS.length);
    expect(lines).toContain(
      "segment-mismatch               off  disabled: remove it from rules.disabled to turn it on",
    );
    expect(lines[0]).toBe("next-step-missing              on");
  });
});

describe("a rule that is off", () => {
  it("gives no finding and does not count on the scorecard", () => {
    const data = snapshot({ opportunities: [opportunity({ amount: 9_000, deckUrl: null })] });
    expect(findings(data).rules).toContain("deck-missing");
    const off = findings(data, available("opportunity.deckUrl"));
    expect(off.rules).not.toContain("deck-missing");
    const owner = off.evaluation.owners.get("ava@example.com");
    const deck = scorecard(owner?.coverage ?? ({} as never)).skills.find((s) => s.skill === "custom-deck");
    expect(deck?.applicable).toBe(0);
    expect(deck?.score).toBeNull();
  });

  it("checks next step alone when there is no next step date field", () => {
    const data = snapshot({ opportunities: [opportunity({ nextStepDate: null })] });
    expect(findings(data).rules).toContain("next-step-missing");
    const off = findings(data, available("opportunity.nextStepDate"));
    expect(off.rules).not.toContain("next-step-missing");
    expect(off.rules).not.toContain("next-step-overdue");
  });

  it("asks only for the command plan fields the org has", () => {
    const data = snapshot({
      opportunities: [opportunity({ amount: 9_000, commandPlan: withPlan({ whyNow: null, whyUs: null }) })],
    });
    const without = findings(data, available("opportunity.whyUs"));
    const finding = [...without.evaluation.owners.values()]
      .flatMap((o) => o.records.flatMap((r) => r.findings))
      .find((f) => f.rule === "command-plan-overview-missing");
    expect(finding?.facts.missing).toEqual(["Why Now"]);
  });

  it("checks only the tier detail that is mapped", () => {
    const data = snapshot({ accounts: [account({ tier: "1", potentialUsers: null })] });
    expect(findings(data).rules).toContain("account-tier-details-missing");
    expect(findings(data, available("account.potentialUsers")).rules).toEqual([]);
  });
});
