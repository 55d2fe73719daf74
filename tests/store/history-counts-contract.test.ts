// The effectiveness report from the counts each store adds up must be the report the pure maths
// makes of the same episodes, on SQLite and on PostgreSQL (when TEST_DATABASE_URL is set).
import { describe, expect, it } from "vitest";
import { workingDayCounter } from "../../src/domain/calendar.ts";
import { fixRateByWeek, ruleEffectiveness } from "../../src/domain/effectiveness.ts";
import { daysToFix } from "../../src/domain/effectiveness-tallies.ts";
import type { Episode } from "../../src/domain/episodes.ts";
import type { RuleId } from "../../src/domain/findings.ts";
import { effectivenessReport } from "../../src/services/effectiveness-report.ts";
import type { Store } from "../../src/store/store.ts";
import { backends, freshStores } from "../helpers/store-backends.ts";

const weekdays = workingDayCounter({ workingDays: [1, 2, 3, 4, 5], holidays: false, daysOff: [] });
const PERIOD = { since: "2026-03-01", until: "2026-03-28" };

let serial = 0;
function episode(overrides: Partial<Episode>): Episode {
  serial += 1;
  const openedOn = overrides.openedOn ?? "2026-03-02";
  return {
    rule: "source-missing",
    recordId: `006${serial}`,
    recordType: "opportunity",
    owner: "ava@example.com",
    openedAt: `${openedOn}T15:00:00.000Z`,
    openedOn,
    nudgedOn: null,
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
    ...overrides,
  };
}

/** Every case at the period's edges: before it, in it, after it; fixed, gone, open; two owners. */
const EPISODES: Episode[] = [
  episode({ openedOn: "2026-02-20", nudgedOn: "2026-02-20" }), // open since before the period
  episode({ nudgedOn: "2026-03-02", resolvedOn: "2026-03-05", resolution: "fixed" }), // 3 working days
  episode({
    owner: "Ken@Example.com",
    openedOn: "2026-03-06",
    nudgedOn: "2026-03-06",
    snoozedOn: "2026-03-06",
    resolvedOn: "2026-03-12",
    resolution: "fixed", // the 4th working day
  }),
  episode({ openedOn: "2026-03-09", nudgedOn: "2026-03-10", resolvedOn: "2026-03-11", resolution: "gone" }),
  episode({ openedOn: "2026-03-27", nudgedOn: "2026-03-28", owner: "cy@example.com" }), // the last day
  episode({ openedOn: "2026-03-29" }), // after the period
  episode({ rule: "deck-missing", openedOn: "2026-03-20", owner: "ken@example.com" }), // never nudged
  episode({
    rule: "deck-missing",
    openedOn: "2026-02-25",
    nudgedOn: "2026-02-26",
    resolvedOn: "2026-03-02",
    resolution: "fixed", // nudged before the period
  }),
  episode({
    rule: "deck-missing",
    openedOn: "2026-03-10",
    nudgedOn: "2026-03-10",
    resolvedOn: "2026-03-30",
    resolution: "fixed", // fixed after the period: open at its end
  }),
  episode({ rule: "retired-rule" as RuleId, nudgedOn: "2026-03-02" }),
];
/** Written before fixes kept their working days: the report counts them itself. */
const UNCOUNTED = episode({
  rule: "deck-missing",
  openedOn: "2026-03-03",
  nudgedOn: "2026-03-03",
  resolvedOn: "2026-03-04",
  resolution: "fixed",
});

async function write(store: Store): Promise<void> {
  const all = [...EPISODES, UNCOUNTED];
  // Opened by one scan, resolved by later ones.
  await store.history.applyEpisodeChanges({
    opened: all.map((e) => ({ ...e, resolvedOn: null, resolution: null })),
    nudged: [],
    resolved: [],
  });
  await store.history.applyEpisodeChanges({
    opened: [],
    nudged: [],
    resolved: all
      .filter((e) => e.resolvedOn !== null)
      .map((e) => ({
        rule: e.rule,
        recordId: e.recordId,
        resolvedOn: e.resolvedOn as string,
        resolution: e.resolution ?? "gone",
        daysToFix: e === UNCOUNTED ? null : daysToFix(e, weekdays),
      })),
  });
}

describe.each(backends)("the $name history's counts for the effectiveness report", (backend) => {
  const fresh = freshStores(backend);

  it("make the same report as the episodes themselves, for everyone and for a team", async () => {
    const store = await fresh();
    await write(store);
    const episodes = [...EPISODES, UNCOUNTED];
    for (const owners of [
      undefined,
      new Set(["ken@example.com"]),
      new Set(["ava@example.com", "cy@example.com"]),
    ]) {
      const report = await effectivenessReport(store, {
        period: PERIOD,
        workingDays: weekdays,
        ...(owners ? { owners } : {}),
      });
      expect(report.rules).toEqual(ruleEffectiveness(episodes, PERIOD, weekdays, owners));
      expect(report.ruleWeeks).toEqual(fixRateByWeek(episodes, PERIOD, weekdays, owners));
    }
    const everyone = await effectivenessReport(store, { period: PERIOD, workingDays: weekdays });
    expect(everyone.rules.find((row) => row.rule === "source-missing")).toEqual({
      rule: "source-missing",
      opened: 4,
      nudged: 4,
      fixedWithin3: 1,
      fixRate: 0.25,
      medianDaysToFix: 3.5,
      open: 2,
      snoozedShare: 0.25,
      noisy: false,
    });
    expect(everyone.rules.find((row) => row.rule === "deck-missing")).toMatchObject({
      opened: 3,
      nudged: 2,
      fixedWithin3: 1, // the uncounted fix, counted now: 1 working day
      open: 2,
    });
    expect(everyone.rules.map((row) => row.rule)).not.toContain("retired-rule");
  });

  it("hands back the fixes it holds no working days for, and only those", async () => {
    const store = await fresh();
    await write(store);
    const { uncounted, tallies } = await store.history.effectivenessTallies(PERIOD);
    expect(uncounted).toEqual([
      {
        rule: "deck-missing",
        owner: "ava@example.com",
        nudgedOn: "2026-03-03",
        resolvedOn: "2026-03-04",
        snoozed: false,
      },
    ]);
    expect(tallies.nudges.filter((t) => t.rule === "deck-missing")).toEqual([
      { rule: "deck-missing", nudgedOn: "2026-03-10", daysToFix: 14, count: 1, snoozed: 0 },
    ]);
    const none = await store.history.effectivenessTallies(PERIOD, new Set());
    expect(none).toEqual({ tallies: { counts: [], nudges: [] }, uncounted: [] });
  });

  it("lists the fixes it keeps no working days for, and keeps them once given", async () => {
    const store = await fresh();
    await write(store);
    const fix = {
      rule: "deck-missing",
      recordId: UNCOUNTED.recordId,
      openedAt: UNCOUNTED.openedAt,
      owner: "ava@example.com",
      nudgedOn: "2026-03-03",
      resolvedOn: "2026-03-04",
    };
    expect(await store.history.uncountedFixes(10)).toEqual([fix]);
    expect(await store.history.uncountedFixes(0)).toEqual([]);
    await store.history.saveDaysToFix([{ ...fix, daysToFix: 1 }]);
    // Kept once: a second replica counting the same fix does not overwrite it.
    await store.history.saveDaysToFix([{ ...fix, daysToFix: 7 }]);
    expect(await store.history.uncountedFixes(10)).toEqual([]);
    const { tallies, uncounted } = await store.history.effectivenessTallies(PERIOD);
    expect(uncounted).toEqual([]);
    expect(tallies.nudges).toContainEqual({
      rule: "deck-missing",
      nudgedOn: "2026-03-03",
      daysToFix: 1,
      count: 1,
      snoozed: 0,
    });
  });
});
