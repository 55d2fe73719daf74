import { describe, expect, it } from "vitest";
import { RULE_IDS, type RuleId } from "../../src/domain/findings.ts";
import { splitWeekly } from "../../src/domain/weekly-cleanup.ts";
import {
  isCleanupDay,
  type NoisyFlag,
  type RuleMove,
  weeklyOn,
  weeklyRules,
} from "../../src/domain/weekly-rules.ts";
import { avaEvaluation, opportunity, rep, snapshot } from "../helpers/builders.ts";

const ALL_ON: ReadonlySet<RuleId> = new Set(RULE_IDS);
const noisy = (rule: RuleId, fixRate: number, since = "2026-03-02"): NoisyFlag => ({ rule, fixRate, since });
const move = (to: RuleMove["to"], by = "Olga Ops", on = "2026-03-04"): RuleMove => ({ to, by, on });

describe("which rules are weekly, and why", () => {
  const cases: {
    name: string;
    mode: "keep" | "weekly";
    flags: NoisyFlag[];
    moves: Partial<Record<RuleId, RuleMove>>;
    on?: ReadonlySet<RuleId>;
    expected: [RuleId, string, boolean][];
  }[] = [
    {
      name: "keep: a noisy rule stays daily",
      mode: "keep",
      flags: [noisy("deck-missing", 0.05)],
      moves: {},
      expected: [],
    },
    {
      name: "weekly: a noisy rule moves, with its fix rate",
      mode: "weekly",
      flags: [noisy("deck-missing", 0.05)],
      moves: {},
      expected: [["deck-missing", "noisy: 5% fixed", true]],
    },
    {
      name: "keep: a rule an admin moved by hand is weekly",
      mode: "keep",
      flags: [],
      moves: { "source-missing": move("weekly") },
      expected: [["source-missing", "moved by Olga Ops on 2026-03-04", true]],
    },
    {
      name: "weekly: an admin's move back to daily wins over the flag",
      mode: "weekly",
      flags: [noisy("deck-missing", 0.1), noisy("activity-missing", 0.3)],
      moves: { "deck-missing": move("daily") },
      expected: [["activity-missing", "noisy: 30% fixed", true]],
    },
    {
      name: "a noisy rule moved by hand says who moved it",
      mode: "weekly",
      flags: [noisy("deck-missing", 0.1)],
      moves: { "deck-missing": move("weekly", "U0ADMIN", "2026-03-01") },
      expected: [["deck-missing", "moved by U0ADMIN on 2026-03-01", true]],
    },
    {
      name: "a moved rule that is turned off is kept, inactive",
      mode: "keep",
      flags: [],
      moves: { "deck-missing": move("weekly") },
      on: new Set(RULE_IDS.filter((rule) => rule !== "deck-missing")),
      expected: [["deck-missing", "moved by Olga Ops on 2026-03-04", false]],
    },
    {
      name: "listed in the stable rule order",
      mode: "weekly",
      flags: [noisy("possible-duplicate", 0.2), noisy("next-step-missing", 0.4)],
      moves: { "close-date-passed": move("weekly") },
      expected: [
        ["next-step-missing", "noisy: 40% fixed", true],
        ["close-date-passed", "moved by Olga Ops on 2026-03-04", true],
        ["possible-duplicate", "noisy: 20% fixed", true],
      ],
    },
  ];
  it.each(cases)("$name", ({ mode, flags, moves, on, expected }) => {
    const rules = weeklyRules({ mode, noisy: flags, moves, on: on ?? ALL_ON });
    expect(rules.map((rule) => [rule.rule, rule.reason, rule.active])).toEqual(expected);
  });

  it("a rule's findings leave the daily digest from the day after it is flagged", () => {
    const rules = weeklyRules({
      mode: "weekly",
      noisy: [noisy("deck-missing", 0, "2026-03-10")],
      moves: {},
      on: ALL_ON,
    });
    expect([...weeklyOn(rules, "2026-03-10")]).toEqual([]);
    expect([...weeklyOn(rules, "2026-03-11")]).toEqual(["deck-missing"]);
  });
});

describe("a rep's cleanup day", () => {
  const settings = { workingDays: [1, 2, 3, 4, 5], holidays: true, daysOff: [] as string[] };
  it.each([
    ["a Monday", rep(), "2026-03-09", true],
    ["a Tuesday", rep(), "2026-03-10", false],
    ["a Sunday", rep(), "2026-03-08", false],
    ["Tuesday after Memorial Day (US)", rep({ country: "US" }), "2026-05-26", true],
    ["Memorial Day itself (US)", rep({ country: "US" }), "2026-05-25", false],
    ["Wednesday for a rep working Wed–Sun", rep({ workingDays: [3, 4, 5, 6, 0] }), "2026-03-11", true],
    ["Thursday for a rep working Wed–Sun", rep({ workingDays: [3, 4, 5, 6, 0] }), "2026-03-12", false],
  ] as const)("%s: %s", (_name, who, date, expected) => {
    expect(isCleanupDay(who, date, settings)).toBe(expected);
  });

  it("a company day off on Monday moves it to Tuesday", () => {
    expect(isCleanupDay(rep(), "2026-03-10", { ...settings, daysOff: ["2026-03-09"] })).toBe(true);
  });
});

describe("splitting a rep's findings", () => {
  const owner = avaEvaluation(
    snapshot({
      opportunities: [
        opportunity({ id: "006A", name: "Acme - Seats", howHeard: null }),
        opportunity({ id: "006B", name: "Bluepeak - Renewal", nextStep: "", howHeard: null }),
      ],
    }),
  );
  const rulesOf = (groups: { findings: { rule: string }[] }[]) =>
    [...new Set(groups.flatMap((group) => group.findings.map((finding) => finding.rule)))].sort();

  it("keeps the weekly rule's findings out of the daily part, listing them only on the cleanup day", () => {
    const weekly = new Set<RuleId>(["source-missing"]);
    const tuesday = splitWeekly(owner, new Set(), weekly, false);
    expect(rulesOf(tuesday.digest.records)).not.toContain("source-missing");
    expect(tuesday.weekly).toBeNull();
    const monday = splitWeekly(owner, new Set(), weekly, true);
    expect(rulesOf(monday.digest.records)).not.toContain("source-missing");
    expect(monday.weekly?.lines.map((line) => [line.rule, line.count])).toEqual([["source-missing", 2]]);
  });

  it("leaves snoozed findings out of the cleanup too", () => {
    const split = splitWeekly(owner, new Set(["source-missing|006A"]), new Set(["source-missing"]), true);
    expect(split.weekly?.lines[0]?.records.map((group) => group.record.id)).toEqual(["006B"]);
  });
});
