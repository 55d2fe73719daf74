// The holdout's arms in the effectiveness report, from a small hand-made history written to each
// store: who is in which arm, which episodes' windows have passed, which were fixed within them.
import { describe, expect, it } from "vitest";
import { workingDayCounter } from "../../src/domain/calendar.ts";
import type { Episode } from "../../src/domain/episodes.ts";
import type { RuleId } from "../../src/domain/findings.ts";
import { holdoutVerdict, isHeldOut } from "../../src/domain/holdout.ts";
import { type HoldoutSettings, holdoutStart } from "../../src/domain/holdout-window.ts";
import { createLogger } from "../../src/logging.ts";
import { effectivenessReport, reportJson } from "../../src/services/effectiveness-report.ts";
import { HistoryService } from "../../src/services/history.ts";
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

/** The same episodes as scans write them: each keeps its arm and window end, each fix its working days. */
async function writeAsScanned(store: Store, episodes: Episode[], holdout: HoldoutSettings): Promise<void> {
  await store.history.applyEpisodeChanges({
    opened: episodes.map((e) => ({
      ...e,
      resolvedOn: null,
      resolution: null,
      ...holdoutStart(e, holdout, weekdays),
    })),
    nudged: [],
    resolved: [],
  });
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
        seenDaysToFix:
          e.resolution === "fixed" ? weekdays(e.owner, e.openedOn, e.resolvedOn as string) : null,
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

  it("sums the arms kept when episodes opened to the same verdicts, and keeps them when the share changes", async () => {
    const scanned = await fresh();
    await writeAsScanned(scanned, [...SMALL, ...large("deck-missing")], HOLDOUT);
    const unknown = await fresh();
    await write(unknown, [...SMALL, ...large("deck-missing")]);
    const request = { period: PERIOD, workingDays: weekdays, holdout: HOLDOUT };
    const summed = (await effectivenessReport(scanned, request)).holdout?.verdicts;
    const worked = (await effectivenessReport(unknown, request)).holdout?.verdicts;
    expect(summed?.get("source-missing")).toMatchObject({
      held: { n: 3, fixed: 1 },
      nudged: { n: 3, fixed: 2 },
    });
    expect(summed?.get("deck-missing")).toMatchObject({
      status: "measured",
      result: { nudged: { n: 40, fixed: 30 }, held: { n: 40, fixed: 10 }, uplift: 50 },
    });
    expect(summed).toEqual(worked);
    // A smaller share held out from now on: the episodes already opened stay in their arms.
    const later = await effectivenessReport(scanned, { ...request, holdout: { ...HOLDOUT, percent: 10 } });
    expect(later.holdout?.verdicts.get("deck-missing")).toMatchObject({
      result: { nudged: { n: 40, fixed: 30 }, held: { n: 40, fixed: 10 } },
    });
    // A team's report sums only its owners' episodes.
    const team = await effectivenessReport(scanned, { ...request, owners: new Set(["ken@example.com"]) });
    expect(team.holdout?.verdicts.get("deck-missing")).toMatchObject({ held: { n: 0 }, nudged: { n: 0 } });
  });

  it("never counts episodes opened while the holdout was off, even once it is on", async () => {
    const store = await fresh();
    await writeAsScanned(store, large("deck-missing"), { percent: 0, workingDays: 3 });
    const report = await effectivenessReport(store, {
      period: PERIOD,
      workingDays: weekdays,
      holdout: HOLDOUT,
    });
    expect(report.holdout?.verdicts.get("deck-missing")).toMatchObject({
      status: "not-enough-data",
      held: { n: 0, fixed: 0 },
      nudged: { n: 0, fixed: 0 },
    });
  });

  it("gives episodes from before arms were kept theirs, a batch per scan, with the same verdicts", async () => {
    const store = await fresh();
    const episodes = [...SMALL, ...large("deck-missing")];
    await write(store, episodes);
    const request = { period: PERIOD, workingDays: weekdays, holdout: HOLDOUT };
    const before = (await effectivenessReport(store, request)).holdout?.verdicts;
    const service = new HistoryService({
      store,
      logger: createLogger("silent"),
      defaultTimezone: "UTC",
      workingDays: weekdays,
      holdout: HOLDOUT,
    });
    expect(await service.keepOldArms(50)).toBe(false); // more are left
    expect(await service.keepOldArms(50)).toBe(true);
    expect(await store.history.unknownHoldoutArms(10)).toEqual([]);
    const after = (await effectivenessReport(store, request)).holdout?.verdicts;
    expect(after?.get("deck-missing")).toMatchObject({ status: "measured" });
    expect(after).toEqual(before);
  });
});
