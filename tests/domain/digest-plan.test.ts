import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/domain/digest.ts";
import { focusFindings, planDigest, planFor, plannedKeys } from "../../src/domain/digest-plan.ts";
import { digestProgress } from "../../src/domain/digest-progress.ts";
import { RULE_IDS, type RuleId } from "../../src/domain/findings.ts";
import { phraseSettings, ruleLineText } from "../../src/domain/rule-phrases.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { account, avaEvaluation, opportunity, snapshot } from "../helpers/builders.ts";

const SMB = phraseSettings(DEFAULT_RULE_SETTINGS, "SMB");

function digestOf(opportunities: ReturnType<typeof opportunity>[], accounts = [account()]) {
  return buildDigest(avaEvaluation(snapshot({ opportunities, accounts })));
}

const lines = (plan: ReturnType<typeof planDigest>) => plan.lines.map((line) => [line.rule, line.count]);

describe("a digest's focus", () => {
  const deals = [
    opportunity({
      id: "late-big",
      name: "Northwind - Platform",
      stage: "5-Negotiation",
      amount: 9_000,
      howHeard: null,
    }),
    opportunity({
      id: "late-small",
      name: "Northwind - Seats",
      stage: "5-Negotiation",
      amount: 2_000,
      howHeard: null,
    }),
    opportunity({
      id: "early",
      name: "Northwind - Security",
      stage: "2-Discovery",
      amount: 50_000,
      howHeard: null,
      lastActivityDate: null,
    }),
    opportunity({
      id: "soon",
      name: "Northwind - Training",
      stage: "2-Discovery",
      amount: 1_000,
      closeDate: "2026-03-20",
      howHeard: null,
    }),
  ];

  it.each([
    { focus: 1, ids: ["late-big"] },
    { focus: 3, ids: ["late-big", "late-small", "early"] },
    { focus: 10, ids: ["late-big", "late-small", "early", "soon", "001A"] },
  ])("leads with $focus record(s) in the handbook's working order", ({ focus, ids }) => {
    const plan = planDigest(digestOf(deals, [account({ tier: null })]), { focus, phrases: SMB });
    expect(plan.focus.map((group) => group.record.id)).toEqual(ids);
  });

  it("puts a record with a new finding before those with only old ones, its new findings first", () => {
    const digest = digestOf(deals);
    const plan = planDigest(digest, { focus: 2, phrases: SMB, newKeys: new Set(["source-missing|early"]) });
    expect(plan.focus.map((group) => group.record.id)).toEqual(["early", "late-big"]);
    expect(plan.focus[0]?.findings[0]?.rule).toBe("source-missing");
    expect(plan.focus[0]?.findings).toHaveLength(3);
  });

  it("counts every other finding in one line per rule, most findings first", () => {
    const plan = planDigest(digestOf(deals, [account({ tier: null })]), { focus: 1, phrases: SMB });
    expect(lines(plan)).toEqual([
      ["source-missing", 3],
      ["deck-missing", 1],
      ["activity-missing", 1],
      ["account-unranked", 1],
    ]);
    expect(focusFindings(plan) + plan.lines.reduce((sum, line) => sum + line.count, 0)).toBe(
      plan.digest.findingCount,
    );
    expect(new Set(plannedKeys(plan)).size).toBe(plan.digest.findingCount);
  });

  it("lists a line's records with that rule's finding first, so its primary button is that fix", () => {
    const plan = planDigest(digestOf(deals), { focus: 1, phrases: SMB });
    const activity = plan.lines.find((line) => line.rule === "activity-missing");
    expect(activity?.records[0]?.findings[0]?.rule).toBe("activity-missing");
  });
});

describe("a rule line in words", () => {
  it.each([
    ["activity-missing", 12, "12 more opportunities have no logged activity in 14 days"],
    ["activity-missing", 1, "1 more opportunity has no logged activity in 14 days"],
    ["deck-missing", 2, "2 more opportunities over $5,000 have no custom deck"],
    ["closed-reason-missing", 1, "1 more opportunity closed in the last 30 days has no closed reason"],
    ["account-unranked", 3, "3 more accounts are not ranked"],
    ["account-unranked", 1, "1 more account is not ranked"],
  ] as [RuleId, number, string][])("%s × %i: %s", (rule, count, text) => {
    expect(ruleLineText(rule, count, SMB)).toBe(text);
  });

  it("quotes the configured thresholds of the rep's segment", () => {
    const settings = {
      ...DEFAULT_RULE_SETTINGS,
      segments: {
        ...DEFAULT_RULE_SETTINGS.segments,
        MM: { ...DEFAULT_RULE_SETTINGS.segments.MM, activityDays: 21 },
      },
    };
    expect(ruleLineText("activity-missing", 2, phraseSettings(settings, "MM"))).toContain("in 21 days");
    expect(ruleLineText("deck-missing", 2, phraseSettings(settings, "MM"))).toContain("over $10,000");
  });

  it("has a phrase for every rule, none of which shows a rule id", () => {
    for (const rule of RULE_IDS) {
      const text = ruleLineText(rule, 2, SMB);
      for (const id of RULE_IDS) expect(text).not.toContain(id);
    }
  });

  it("planFor quotes the rep's segment", () => {
    const plan = planFor(digestOf([opportunity({ lastActivityDate: null })]), 3, DEFAULT_RULE_SETTINGS);
    expect(plan.focus).toHaveLength(1);
    expect(plan.lines).toEqual([]);
  });
});

describe("progress since the last digest", () => {
  const base = {
    current: new Set(["a|1", "b|2", "c|3"]),
    live: ["a|1", "b|2", "c|3"],
    openedOn: (key: string) => ({ "a|1": "2026-03-01", "b|2": "2026-03-10", "c|3": "2026-03-02" })[key],
    gone: (key: string) => key === "z|9",
    scoreNow: 0.76,
  };

  it("is none on a rep's first digest", () => {
    expect(digestProgress({ ...base, last: null })).toBeNull();
  });

  it("counts fixed (not gone), new (not back from a snooze) and the score's move", () => {
    const last = { localDate: "2026-03-09", score: 0.72, nudged: ["a|1", "x|8", "y|7", "z|9"] };
    const result = digestProgress({ ...base, last });
    // x and y fixed, z's record went away; b first seen since; c is older (back from a snooze).
    expect(result?.progress).toEqual({
      since: "2026-03-09",
      fixed: 2,
      new: 1,
      scoreBefore: 0.72,
      scoreNow: 0.76,
    });
    expect([...(result?.newKeys ?? [])]).toEqual(["b|2"]);
  });
});
