import { describe, expect, it } from "vitest";
import { workingDayCounter } from "../../src/domain/calendar.ts";
import {
  defaultSince,
  fixRateByWeek,
  median,
  periodUntilNow,
  type RuleEffectiveness,
  ruleEffectiveness,
  scoresByWeek,
} from "../../src/domain/effectiveness.ts";
import type { Episode } from "../../src/domain/episodes.ts";

const MON_FRI = [1, 2, 3, 4, 5];
/** The team's calendar: the configured working days and company days off, no country holidays. */
const weekdayCounter = (workingDays: number[], daysOff: string[] = []) =>
  workingDayCounter({ workingDays, holidays: false, daysOff });
const weekdays = weekdayCounter(MON_FRI);
const PERIOD = { since: "2026-03-01", until: "2026-03-28" };

function episode(overrides: Partial<Episode> = {}): Episode {
  return {
    rule: "source-missing",
    recordId: "006A",
    recordType: "opportunity",
    owner: "ava@example.com",
    openedAt: "2026-03-06T15:00:00.000Z",
    openedOn: "2026-03-06",
    nudgedOn: "2026-03-06", // a Friday
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
    ...overrides,
  };
}

function row(episodes: Episode[], rule = "source-missing", counter = weekdays): RuleEffectiveness {
  const found = ruleEffectiveness(episodes, PERIOD, counter).find((r) => r.rule === rule);
  if (!found) throw new Error(`no row for ${rule}`);
  return found;
}

describe("working days between a nudge and a fix", () => {
  it.each([
    ["same day", "2026-03-06", "2026-03-06", 0],
    ["Friday to the Saturday after", "2026-03-06", "2026-03-07", 0],
    ["Friday to Wednesday: the 3rd working day", "2026-03-06", "2026-03-11", 3],
    ["Friday to Thursday: the 4th working day", "2026-03-06", "2026-03-12", 4],
    ["Tuesday to Friday", "2026-03-10", "2026-03-13", 3],
  ])("%s", (_name, from, to, days) => {
    expect(weekdays("ava@example.com", from, to)).toBe(days);
  });

  it("counts whole weeks and the days around them", () => {
    expect(weekdays("ava@example.com", "2026-03-06", "2026-03-20")).toBe(10);
    expect(weekdays("ava@example.com", "2026-03-07", "2026-03-23")).toBe(11);
    expect(weekdays("ava@example.com", "2026-03-12", "2026-03-06")).toBe(0);
    expect(weekdayCounter([1, 2, 3, 4])("ava@example.com", "2026-03-06", "2026-03-20")).toBe(8);
  });

  it("skips a holiday", () => {
    const withHoliday = weekdayCounter(MON_FRI, ["2026-03-09"]);
    expect(withHoliday("ava@example.com", "2026-03-06", "2026-03-12")).toBe(3);
  });
});

describe("rule effectiveness", () => {
  it.each([
    ["fixed on the 3rd working day counts", "2026-03-11", 1],
    ["fixed on the 4th working day does not", "2026-03-12", 0],
    ["fixed over the weekend counts", "2026-03-08", 1],
  ])("%s", (_name, resolvedOn, fixed) => {
    const result = row([episode({ resolvedOn, resolution: "fixed" })]);
    expect(result).toMatchObject({ opened: 1, nudged: 1, fixedWithin3: fixed, fixRate: fixed, open: 0 });
  });

  it("a holiday in between stretches the window by a day", () => {
    const holiday = weekdayCounter(MON_FRI, ["2026-03-09"]);
    expect(
      row([episode({ resolvedOn: "2026-03-12", resolution: "fixed" })], "source-missing", holiday),
    ).toMatchObject({
      fixedWithin3: 1,
      medianDaysToFix: 3,
    });
  });

  it("a closed or deleted record is not a fix, and a finding never nudged counts only as opened", () => {
    const result = row([
      episode({ recordId: "1", resolvedOn: "2026-03-09", resolution: "gone" }),
      episode({ recordId: "2", owner: "cy@example.com", nudgedOn: null }),
    ]);
    expect(result).toMatchObject({
      opened: 2,
      nudged: 1,
      fixedWithin3: 0,
      fixRate: 0,
      medianDaysToFix: null,
      open: 1,
    });
  });

  it("a reopened finding is a second episode, counted on its own", () => {
    const result = row([
      episode({ resolvedOn: "2026-03-09", resolution: "fixed" }),
      episode({ openedAt: "2026-03-16T15:00:00Z", openedOn: "2026-03-16", nudgedOn: "2026-03-16" }),
    ]);
    expect(result).toMatchObject({ opened: 2, nudged: 2, fixedWithin3: 1, fixRate: 0.5, open: 1 });
  });

  it("counts the snoozed share of the nudged findings", () => {
    const result = row([
      episode({ recordId: "1", snoozedOn: "2026-03-06" }),
      episode({ recordId: "2" }),
      episode({ recordId: "3", snoozedOn: "2026-03-07" }),
      episode({ recordId: "4", nudgedOn: null, snoozedOn: null }),
    ]);
    expect(result.snoozedShare).toBeCloseTo(2 / 3);
  });

  it("takes the median working days to fix, fixed late or not", () => {
    const result = row([
      episode({ recordId: "1", resolvedOn: "2026-03-09", resolution: "fixed" }), // 1
      episode({ recordId: "2", resolvedOn: "2026-03-12", resolution: "fixed" }), // 4
      episode({ recordId: "3", resolvedOn: "2026-03-17", resolution: "fixed" }), // 7
      episode({ recordId: "4", resolvedOn: "2026-03-19", resolution: "fixed" }), // 9
    ]);
    expect(result).toMatchObject({ nudged: 4, fixedWithin3: 1, fixRate: 0.25, medianDaysToFix: 5.5 });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it("counts by period: opened, nudged and open at its end", () => {
    const result = row([
      episode({ recordId: "before", openedOn: "2026-02-20", nudgedOn: "2026-02-20" }),
      episode({ recordId: "after", openedOn: "2026-03-30", nudgedOn: "2026-03-30" }),
      episode({ recordId: "in", resolvedOn: "2026-03-31", resolution: "fixed" }),
    ]);
    expect(result).toMatchObject({ opened: 1, nudged: 1, open: 2 });
  });

  it.each([
    [20, 9, true],
    [20, 10, false],
    [19, 0, false],
    [40, 19, true],
  ])("%i nudged and %i fixed within 3 working days: noisy %s", (nudged, fixed, noisy) => {
    const episodes = Array.from({ length: nudged }, (_, i) =>
      episode(
        i < fixed
          ? { recordId: `${i}`, resolvedOn: "2026-03-09", resolution: "fixed" }
          : { recordId: `${i}` },
      ),
    );
    expect(row(episodes).noisy).toBe(noisy);
  });

  it("lists every rule, with null rates where nothing was nudged, and keeps only a team's owners", () => {
    const rows = ruleEffectiveness(
      [episode(), episode({ owner: "ken@example.com", recordId: "2" })],
      PERIOD,
      weekdays,
      new Set(["ken@example.com"]),
    );
    expect(rows).toHaveLength(14);
    expect(rows.find((r) => r.rule === "source-missing")).toMatchObject({ opened: 1, nudged: 1 });
    expect(rows.find((r) => r.rule === "deck-missing")).toMatchObject({
      fixRate: null,
      snoozedShare: null,
      noisy: false,
    });
  });

  it("defaults to the 28 days up to today, and ends at the latest local date anywhere", () => {
    expect(defaultSince("2026-03-28")).toBe("2026-03-01");
    expect(periodUntilNow("2026-03-01", new Date("2026-03-16T16:00:00Z"))).toEqual({
      since: "2026-03-01",
      until: "2026-03-17",
    });
  });
});

describe("fix rate by week", () => {
  it("groups first nudges by their ISO week, per rule, and counts fixes within 3 working days", () => {
    const weeks = fixRateByWeek(
      [
        episode({ recordId: "a", nudgedOn: "2026-03-06", resolvedOn: "2026-03-11", resolution: "fixed" }),
        episode({ recordId: "b", nudgedOn: "2026-03-06", resolvedOn: "2026-03-12", resolution: "fixed" }),
        episode({ recordId: "c", nudgedOn: "2026-03-10", resolvedOn: "2026-03-10", resolution: "fixed" }),
        episode({ recordId: "d", nudgedOn: "2026-03-10", resolvedOn: "2026-03-11", resolution: "gone" }),
        episode({ recordId: "e", rule: "close-date-passed", nudgedOn: "2026-03-10" }),
        episode({ recordId: "f", nudgedOn: null }),
        episode({ recordId: "g", nudgedOn: "2026-02-27", resolvedOn: "2026-03-02", resolution: "fixed" }),
      ],
      PERIOD,
      weekdays,
    );
    expect(weeks).toEqual([
      { rule: "source-missing", week: "2026-W10", nudged: 2, fixedWithin3: 1, fixRate: 0.5 },
      { rule: "source-missing", week: "2026-W11", nudged: 2, fixedWithin3: 1, fixRate: 0.5 },
      { rule: "close-date-passed", week: "2026-W11", nudged: 1, fixedWithin3: 0, fixRate: 0 },
    ]);
  });

  it("keeps only a manager's team when owners are given", () => {
    const weeks = fixRateByWeek(
      [episode({ owner: "Ava@Example.com" }), episode({ recordId: "z", owner: "bo@example.com" })],
      PERIOD,
      weekdays,
      new Set(["ava@example.com"]),
    );
    expect(weeks.map((week) => week.nudged)).toEqual([1]);
  });
});

describe("Required 7 score by week", () => {
  it("sums a team's tallies per skill, then averages the skills that apply", () => {
    const weeks = scoresByWeek([
      { rep: "ava@example.com", week: "2026-W11", skill: "next-steps", applicable: 4, clean: 1 },
      { rep: "ken@example.com", week: "2026-W11", skill: "next-steps", applicable: 4, clean: 3 },
      { rep: "ava@example.com", week: "2026-W11", skill: "custom-deck", applicable: 2, clean: 2 },
      { rep: "ava@example.com", week: "2026-W10", skill: "next-steps", applicable: 4, clean: 0 },
    ]);
    expect(weeks.map((w) => [w.week, w.overall, w.skills["next-steps"], w.skills["call-notes"]])).toEqual([
      ["2026-W10", 0, 0, null],
      ["2026-W11", 0.75, 0.5, null],
    ]);
  });
});
