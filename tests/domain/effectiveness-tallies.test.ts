// The report folded from counts (as the stores add them up): the same numbers as from episodes.
import { describe, expect, it } from "vitest";
import { median, rulesFromTallies } from "../../src/domain/effectiveness.ts";
import {
  type EffectivenessTallies,
  medianOfCounts,
  ruleWeeks,
  tallyUncountedFixes,
} from "../../src/domain/effectiveness-tallies.ts";

describe("the median of counted values", () => {
  it.each([
    ["none", [], null],
    ["one", [[2, 1]], 2],
    [
      "odd total",
      [
        [1, 2],
        [5, 1],
      ],
      1,
    ],
    [
      "even total, between two values",
      [
        [1, 1],
        [4, 1],
      ],
      2.5,
    ],
    ["even total, inside one value", [[3, 4]], 3],
    [
      "unordered, with an empty count",
      [
        [9, 1],
        [0, 0],
        [2, 2],
        [4, 1],
      ],
      3,
    ],
  ] as const)("%s", (_name, counts, expected) => {
    const map = new Map(counts.map(([value, n]) => [value, n] as [number, number]));
    expect(medianOfCounts(map)).toBe(expected);
    const values = counts.flatMap(([value, n]) => Array.from({ length: n }, () => value));
    expect(median(values)).toBe(expected);
  });
});

describe("the report from tallies", () => {
  const tallies: EffectivenessTallies = {
    counts: [
      { rule: "source-missing", opened: 30, open: 4 },
      { rule: "retired-rule", opened: 5, open: 5 },
    ],
    nudges: [
      // 25 nudged on Monday 2 March: 10 fixed in 1 working day, 5 in 4, 10 not fixed (4 snoozed).
      { rule: "source-missing", nudgedOn: "2026-03-02", daysToFix: 1, count: 10, snoozed: 0 },
      { rule: "source-missing", nudgedOn: "2026-03-02", daysToFix: 4, count: 5, snoozed: 1 },
      { rule: "source-missing", nudgedOn: "2026-03-02", daysToFix: null, count: 6, snoozed: 2 },
      { rule: "source-missing", nudgedOn: "2026-03-02", daysToFix: null, count: 4, snoozed: 1 },
      { rule: "source-missing", nudgedOn: "2026-03-09", daysToFix: 3, count: 2, snoozed: 0 },
      { rule: "retired-rule", nudgedOn: "2026-03-09", daysToFix: 3, count: 2, snoozed: 0 },
    ],
  };

  it("adds up the rows of a rule, whatever their grouping, and leaves retired rules out", () => {
    const rows = rulesFromTallies(tallies);
    expect(rows.map((row) => row.rule)).not.toContain("retired-rule");
    expect(rows.find((row) => row.rule === "source-missing")).toEqual({
      rule: "source-missing",
      opened: 30,
      nudged: 27,
      fixedWithin3: 12,
      fixRate: 12 / 27,
      medianDaysToFix: 1,
      open: 4,
      snoozedShare: 4 / 27,
      noisy: true, // 27 nudged, under half fixed within 3 working days
    });
    expect(rows.find((row) => row.rule === "deck-missing")).toMatchObject({ nudged: 0, fixRate: null });
  });

  it("gives each ISO week of first nudges its fix rate", () => {
    expect(ruleWeeks(tallies)).toEqual([
      { rule: "source-missing", week: "2026-W10", nudged: 25, fixedWithin3: 10, fixRate: 0.4 },
      { rule: "source-missing", week: "2026-W11", nudged: 2, fixedWithin3: 2, fixRate: 1 },
    ]);
  });

  it("counts the working days of fixes the store holds without them", () => {
    const weekdays = (_owner: string, from: string, to: string) =>
      from === "2026-03-06" && to === "2026-03-11" ? 3 : 9;
    expect(
      tallyUncountedFixes(
        [
          {
            rule: "deck-missing",
            owner: "a",
            nudgedOn: "2026-03-06",
            resolvedOn: "2026-03-11",
            snoozed: true,
          },
          {
            rule: "deck-missing",
            owner: "b",
            nudgedOn: "2026-03-06",
            resolvedOn: "2026-03-11",
            snoozed: false,
          },
        ],
        weekdays,
      ),
    ).toEqual([{ rule: "deck-missing", nudgedOn: "2026-03-06", daysToFix: 3, count: 2, snoozed: 1 }]);
  });
});
