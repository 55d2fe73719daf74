// The holdout's arms in the effectiveness report, from a small hand-made history written to each
// store: who is in which arm, which episodes' windows have passed, which were fixed within them.
import { describe, expect, it } from "vitest";
import { workingDayCounter } from "../../src/domain/calendar.ts";
import type { Episode } from "../../src/domain/episodes.ts";
import type { RuleId } from "../../src/domain/findings.ts";
import { holdoutVerdict, isHeldOut } from "../../src/domain/holdout.ts";
import { effectivenessReport, reportJson } from "../../src/services/effectiveness-report.ts";
import type { Store } from "../../src/store/store.ts";
import { holdoutTable } from "../../src/views/holdout-table.ts";
import { backends, freshStores } from "../helpers/store-backends.ts";

const weekdays = workingDayCounter({ workingDays: [1, 2, 3, 4, 5], holidays: false, daysOff: [] });
const PERIOD = { since: "2026-03-01", until: "2026-03-20" }; // ends on a Friday
const HOLDOUT = { percent: 50, workingDays: 3 };

let serial = 0;
/** An episode whose record id puts it in the arm asked for (found by trying ids in turn). */
function episode(held: boolean, overrides: Partial<Episode> & { openedOn: string }): Episode {
  const rule = overrides.rule ?? "source-missing";
  let recordId: string;
  do {
    serial += 1;
    recordId = `006${serial}`;
  } while (isHeldOut({ rule, recordId, openedOn: overrides.openedOn }, HOLDOUT.percent) !== held);
  return {
    rule,
    recordId,
    recordType: "opportunity",
    owner: "ava@example.com",
    openedAt: `${overrides.openedOn}T15:00:00.000Z`,
    nudgedOn: held ? null : overrides.openedOn,
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
    ...overrides,
  };
}

const SMALL: Episode[] = [
  // Held out: fixed on its 3rd working day after first seen (Monday → Thursday), on its 4th, gone.
  episode(true, { openedOn: "2026-03-02", resolvedOn: "2026-03-05", resolution: "fixed" }),
  episode(true, { openedOn: "2026-03-02", resolvedOn: "2026-03-06", resolution: "fixed" }),
  episode(true, { openedOn: "2026-03-02", resolvedOn: "2026-03-03", resolution: "gone" }),
  // Its window (Wednesday + 3 working days = next Monday) has not passed by the period's end.
  episode(true, { openedOn: "2026-03-18", resolvedOn: "2026-03-19", resolution: "fixed" }),
  // Nudged: fixed the next day, still open, and one whose window ends on the period's last day.
  episode(false, { openedOn: "2026-03-02", resolvedOn: "2026-03-03", resolution: "fixed" }),
  episode(false, { openedOn: "2026-03-02" }),
  episode(false, { openedOn: "2026-03-17", resolvedOn: "2026-03-19", resolution: "fixed" }),
  // Opened before the period: not the period's.
  episode(true, { openedOn: "2026-02-20", resolvedOn: "2026-02-23", resolution: "fixed" }),
];

/** 40 episodes per arm of one rule: 30 nudged ones fixed, 10 held-out ones. */
function large(rule: RuleId): Episode[] {
  return Array.from({ length: 80 }, (_, i) => {
    const held = i % 2 === 1;
    const fixed = held ? i < 20 : i < 60;
    return episode(held, {
      rule,
      openedOn: "2026-03-09",
      ...(fixed ? { resolvedOn: "2026-03-10", resolution: "fixed" as const } : {}),
    });
  });
}

async function write(store: Store, episodes: Episode[]): Promise<void> {
  await store.history.applyEpisodeChanges({
    opened: episodes.map((e) => ({ ...e, resolvedOn: null, resolution: null })),
    nudged: [],
    resolved: [],
  });
  // Resolved by a later scan.
  await store.history.applyEpisodeChanges({
    opened: [],
    nudged: [],
    resolved: episodes
      .filter((e) => e.resolvedOn !== null)
      .map((e) => ({
        rule: e.rule,
        recordId: e.recordId,
        resolvedOn: e.resolvedOn as string,
        resolution: e.resolution ?? "gone",
        daysToFix: null,
      })),
  });
}

describe.each(backends)("the $name history's holdout arms", (backend) => {
  const fresh = freshStores(backend);

  it("count both arms over the episodes whose window has passed, fixed within it", async () => {
    const store = await fresh();
    await write(store, SMALL);
    const report = await effectivenessReport(store, {
      period: PERIOD,
      workingDays: weekdays,
      holdout: HOLDOUT,
    });
    const verdict = report.holdout?.verdicts.get("source-missing");
    expect(verdict).toMatchObject({
      status: "not-enough-data",
      held: { n: 3, fixed: 1 },
      nudged: { n: 3, fixed: 2 },
      text: "not enough data yet (3 held out and 3 nudged, 30 needed)",
    });
    const row = report.rules.find((r) => r.rule === "source-missing");
    expect(row && reportJson(row, verdict ?? null).holdout).toBeNull();
    expect(holdoutTable(report.holdout ?? { ...HOLDOUT, verdicts: new Map() })).toContain("No lead source");
  });

  it("gives the uplift with its interval in SPEC's JSON shape once each arm has 30", async () => {
    const store = await fresh();
    await write(store, large("deck-missing"));
    const report = await effectivenessReport(store, {
      period: PERIOD,
      workingDays: weekdays,
      holdout: HOLDOUT,
    });
    const row = report.rules.find((r) => r.rule === "deck-missing");
    const json = row && reportJson(row, report.holdout?.verdicts.get("deck-missing") ?? null);
    const expected = holdoutVerdict({ n: 40, fixed: 30 }, { n: 40, fixed: 10 });
    expect(expected.status).toBe("measured");
    expect(json?.holdout).toEqual(expected.status === "measured" ? expected.result : null);
    expect(Object.keys(json?.holdout ?? {})).toEqual([
      "nudged",
      "held",
      "uplift",
      "ciLow",
      "ciHigh",
      "proven",
    ]);
    expect(json?.holdout).toMatchObject({
      nudged: { n: 40, fixed: 30 },
      held: { n: 40, fixed: 10 },
      uplift: 50,
    });
    expect(json?.holdout?.proven).toBe(true);
  });

  it("gives no verdicts, and null in JSON, when the holdout is off", async () => {
    const store = await fresh();
    await write(store, SMALL);
    for (const holdout of [undefined, { percent: 0, workingDays: 3 }]) {
      const report = await effectivenessReport(store, { period: PERIOD, workingDays: weekdays, holdout });
      expect(report.holdout).toBeNull();
      const row = report.rules.find((r) => r.rule === "source-missing");
      expect(row && reportJson(row).holdout).toBeNull();
    }
  });
});
