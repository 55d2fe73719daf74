import { describe, expect, it } from "vitest";
import { workingDayCounter } from "../../src/domain/calendar.ts";
import {
  type CurrentFinding,
  diffEpisodes,
  type Episode,
  isoWeek,
  makeGoneCheck,
  OpenEpisodes,
} from "../../src/domain/episodes.ts";
import { opportunity, snapshot } from "../helpers/builders.ts";

const NOW = new Date("2026-03-10T15:00:00Z");

function open(overrides: Partial<Episode> = {}): Episode {
  return {
    rule: "source-missing",
    recordId: "006A",
    recordType: "opportunity",
    owner: "ava@example.com",
    openedAt: "2026-03-09T15:00:00.000Z",
    openedOn: "2026-03-09",
    nudgedOn: null,
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
    ...overrides,
  };
}

function finding(overrides: Partial<CurrentFinding> = {}): CurrentFinding {
  return {
    rule: "source-missing",
    recordId: "006A",
    recordType: "opportunity",
    owner: "ava@example.com",
    today: "2026-03-10",
    ...overrides,
  };
}

const base = {
  listed: new Map<string, string>(),
  isGone: () => false,
  todayOf: () => "2026-03-10",
  workingDays: workingDayCounter({ workingDays: [1, 2, 3, 4, 5], holidays: false, daysOff: [] }),
  now: NOW,
};

describe("finding episodes", () => {
  it("opens an episode for a finding seen for the first time, on the owner's local date", () => {
    const changes = diffEpisodes({ ...base, open: [], current: [finding({ today: "2026-03-11" })] });
    expect(changes.opened).toEqual([
      expect.objectContaining({
        rule: "source-missing",
        recordId: "006A",
        openedOn: "2026-03-11",
        nudgedOn: null,
      }),
    ]);
    expect(changes.resolved).toEqual([]);
  });

  it("writes nothing for a finding still open and not newly nudged", () => {
    const changes = diffEpisodes({ ...base, open: [open()], current: [finding()] });
    expect(changes).toEqual({ opened: [], nudged: [], resolved: [] });
  });

  it("marks an episode nudged on the date of the delivered digest that listed it, once", () => {
    const listed = new Map([["source-missing|006A", "2026-03-10"]]);
    const first = diffEpisodes({ ...base, listed, open: [open()], current: [finding()] });
    expect(first.nudged).toEqual([{ rule: "source-missing", recordId: "006A", nudgedOn: "2026-03-10" }]);
    const again = diffEpisodes({
      ...base,
      listed,
      open: [open({ nudgedOn: "2026-03-10" })],
      current: [finding()],
    });
    expect(again.nudged).toEqual([]);
  });

  it("a new finding listed in today's delivered digest opens already nudged", () => {
    const listed = new Map([["source-missing|006A", "2026-03-10"]]);
    const changes = diffEpisodes({ ...base, listed, open: [], current: [finding()] });
    expect(changes.opened[0]?.nudgedOn).toBe("2026-03-10");
  });

  it("a finding of a rep not in Slack opens and stays un-nudged (no digest was delivered)", () => {
    const changes = diffEpisodes({
      ...base,
      open: [open({ owner: "cy@example.com" })],
      current: [finding({ owner: "cy@example.com" })],
    });
    expect(changes.nudged).toEqual([]);
  });

  it("resolves as fixed when the record is still there and the rule no longer fires", () => {
    const changes = diffEpisodes({ ...base, open: [open()], current: [] });
    expect(changes.resolved).toEqual([
      {
        rule: "source-missing",
        recordId: "006A",
        resolvedOn: "2026-03-10",
        resolution: "fixed",
        daysToFix: null,
        seenDaysToFix: 1,
      },
    ]);
  });

  it("a fix after a nudge carries the owner's working days since the nudge, counted when it is seen", () => {
    // Nudged on Friday 6 March, fixed by the scan of Wednesday 11 March: the 3rd working day.
    const changes = diffEpisodes({
      ...base,
      open: [open({ openedOn: "2026-03-05", nudgedOn: "2026-03-06" })],
      current: [],
      todayOf: () => "2026-03-11",
    });
    expect(changes.resolved[0]).toMatchObject({ resolution: "fixed", daysToFix: 3 });
    // Gone is not fixed: no time to fix, even after a nudge.
    const gone = diffEpisodes({
      ...base,
      isGone: () => true,
      open: [open({ nudgedOn: "2026-03-09" })],
      current: [],
    });
    expect(gone.resolved[0]).toMatchObject({ resolution: "gone", daysToFix: null });
  });

  it("takes the open episodes already indexed, as a scan keeps them between reads", () => {
    const keyed = new OpenEpisodes([open(), open({ recordId: "006A" })]);
    expect(keyed.size).toBe(1);
    const changes = diffEpisodes({
      ...base,
      open: keyed,
      current: [finding(), finding({ recordId: "006B" })],
    });
    expect(changes.opened.map((e) => e.recordId)).toEqual(["006B"]);
    expect(diffEpisodes({ ...base, open: keyed, current: [] }).resolved.map((e) => e.recordId)).toEqual([
      "006A",
    ]);
  });

  it("resolves as gone, not fixed, when the opportunity closed or was deleted", () => {
    const data = snapshot({
      reps: [],
      accounts: [],
      opportunities: [opportunity({ id: "006A", isClosed: true, closedReason: "Lost to a competitor" })],
    });
    const isGone = makeGoneCheck(data, () => false);
    expect(isGone(open())).toBe(true);
    expect(isGone(open({ recordId: "006Z" }))).toBe(true);
    expect(isGone(open({ rule: "closed-reason-missing" }))).toBe(false); // the reason was written: fixed
    expect(isGone(open({ rule: "possible-duplicate" }))).toBe(false); // the duplicate was closed: fixed
    expect(isGone(open({ rule: "account-unranked", recordType: "account", recordId: "001A" }))).toBe(true);
    const changes = diffEpisodes({ ...base, isGone, open: [open()], current: [] });
    expect(changes.resolved[0]?.resolution).toBe("gone");
  });

  it("a finding whose rule was turned off resolves as gone", () => {
    const data = snapshot({ reps: [], accounts: [], opportunities: [opportunity({ id: "006A" })] });
    expect(makeGoneCheck(data, (rule) => rule === "source-missing")(open())).toBe(true);
    expect(makeGoneCheck(data, () => false)(open())).toBe(false);
  });

  it("a finding that comes back after resolving starts a new episode", () => {
    // The store holds only open episodes for the comparison: the resolved one is not among them.
    const changes = diffEpisodes({
      ...base,
      open: [],
      current: [finding({ today: "2026-03-12" })],
      now: new Date("2026-03-12T15:00:00Z"),
    });
    expect(changes.opened).toEqual([
      expect.objectContaining({ openedOn: "2026-03-12", openedAt: "2026-03-12T15:00:00.000Z" }),
    ]);
  });

  it("names ISO weeks, across a year end", () => {
    expect(isoWeek("2026-03-10")).toBe("2026-W11");
    expect(isoWeek("2026-01-01")).toBe("2026-W01");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
  });
});
