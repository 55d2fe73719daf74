// The open episodes a process keeps between scans: read once, then followed through its own writes,
// and read again as soon as another replica (or a restart) wrote to the same history.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workingDayCounter } from "../../src/domain/calendar.ts";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { createLogger } from "../../src/logging.ts";
import { HistoryService } from "../../src/services/history.ts";
import { openStore, type SqlStore } from "../../src/store/sql-store.ts";
import { TEAM } from "../helpers/bot-harness.ts";

const weekdays = workingDayCounter({ workingDays: [1, 2, 3, 4, 5], holidays: false, daysOff: [] });
let store: SqlStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

/** A replica: its own history service over the shared store, counting its reads of open episodes. */
function replica(shared: SqlStore) {
  const reads = { count: 0 };
  const history = {
    ...shared.history,
    openEpisodes: async () => {
      reads.count += 1;
      return shared.history.openEpisodes();
    },
  };
  const service = new HistoryService({
    store: { history },
    logger: createLogger("silent"),
    defaultTimezone: "America/New_York",
    workingDays: weekdays,
  });
  const scan = (data: Snapshot, at: string) => {
    const now = new Date(at);
    const evaluation = evaluatePipeline(data, {
      now,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "America/New_York",
    });
    return service.record({ snapshot: data, evaluation, readAt: now }, now);
  };
  return { reads, scan, service };
}

const fixed006A: Snapshot = {
  ...TEAM,
  opportunities: TEAM.opportunities.map((opp) => (opp.id === "006A" ? { ...opp, howHeard: "Webinar" } : opp)),
};

describe("the open episodes a scan compares with", () => {
  it("are read once, then kept in step with the process's own writes", async () => {
    store = openStore({
      kind: "sqlite",
      file: join(mkdtempSync(join(tmpdir(), "nudgebot-replicas-")), "store.db"),
    });
    await store.migrate();
    const a = replica(store);
    const first = await a.scan(TEAM, "2026-03-10T15:00:00Z");
    expect(first.opened.length).toBeGreaterThan(0);
    const fix = await a.scan(fixed006A, "2026-03-11T15:00:00Z");
    expect(fix.resolved.map((r) => `${r.rule}|${r.recordId}`)).toEqual(["source-missing|006A"]);
    const back = await a.scan(TEAM, "2026-03-12T15:00:00Z");
    expect(back.opened.map((e) => `${e.rule}|${e.recordId}`)).toContain("source-missing|006A");
    expect(a.reads.count).toBe(1);
    const open = await store.history.openEpisodes();
    expect(open.length).toBe(
      first.opened.length - fix.resolved.length + back.opened.length - back.resolved.length,
    );
  });

  it("are read again when another replica wrote, so a finding it resolved is opened anew", async () => {
    store = openStore({
      kind: "sqlite",
      file: join(mkdtempSync(join(tmpdir(), "nudgebot-replicas-")), "store.db"),
    });
    await store.migrate();
    const a = replica(store);
    const b = replica(store);
    await a.scan(TEAM, "2026-03-10T15:00:00Z");
    // Replica B sees Ava's fix; A, which kept what it wrote, did not.
    const seenByB = await b.scan(fixed006A, "2026-03-11T15:00:00Z");
    expect(seenByB.resolved.map((r) => `${r.rule}|${r.recordId}`)).toEqual(["source-missing|006A"]);
    // The finding comes back: A must know B resolved it, and open a second episode.
    const seenByA = await a.scan(TEAM, "2026-03-12T15:00:00Z");
    expect(seenByA.opened.map((e) => `${e.rule}|${e.recordId}`)).toContain("source-missing|006A");
    expect(a.reads.count).toBe(2);
    const episodes = (await store.history.episodesSince("2026-03-01")).filter(
      (e) => e.rule === "source-missing" && e.recordId === "006A",
    );
    expect(episodes.map((e) => e.resolution)).toEqual(expect.arrayContaining(["fixed", null]));
    expect(episodes).toHaveLength(2);
  });

  it("are read again after a write that did not find the store as expected", async () => {
    store = openStore({
      kind: "sqlite",
      file: join(mkdtempSync(join(tmpdir(), "nudgebot-replicas-")), "store.db"),
    });
    await store.migrate();
    const a = replica(store);
    await a.scan(TEAM, "2026-03-10T15:00:00Z");
    await a.scan(fixed006A, "2026-03-10T16:00:00Z");
    // The clock went back: the finding's new episode would have the first one's opening instant,
    // so the store keeps the first and inserts nothing.
    const clash = await a.scan(TEAM, "2026-03-10T15:00:00Z");
    expect(clash.opened.map((e) => `${e.rule}|${e.recordId}`)).toEqual(["source-missing|006A"]);
    expect(a.reads.count).toBe(1);
    // The next scan does not trust what it kept: it reads the store, and opens the finding for real.
    const next = await a.scan(TEAM, "2026-03-10T17:00:00Z");
    expect(a.reads.count).toBe(2);
    expect(next.opened.map((e) => `${e.rule}|${e.recordId}`)).toEqual(["source-missing|006A"]);
    const open = await store.history.openEpisodes();
    expect(open.some((e) => e.rule === "source-missing" && e.recordId === "006A")).toBe(true);
  });

  it("count, once, the working days of fixes written before they were kept", async () => {
    store = openStore({
      kind: "sqlite",
      file: join(mkdtempSync(join(tmpdir(), "nudgebot-replicas-")), "store.db"),
    });
    await store.migrate();
    const opened = Array.from({ length: 5 }, (_, i) => ({
      rule: "source-missing" as const,
      recordId: `006${i}`,
      recordType: "opportunity" as const,
      owner: "ava@example.com",
      openedAt: "2026-03-06T15:00:00.000Z",
      openedOn: "2026-03-06",
      nudgedOn: "2026-03-06", // a Friday
      snoozedOn: null,
      resolvedOn: null,
      resolution: null,
    }));
    await store.history.applyEpisodeChanges({ opened, nudged: [], resolved: [] });
    await store.history.applyEpisodeChanges({
      opened: [],
      nudged: [],
      resolved: opened.map((e) => ({
        ...e,
        resolvedOn: "2026-03-11",
        resolution: "fixed" as const,
        daysToFix: null,
      })),
    });
    const { service } = replica(store);
    expect(await service.countOldFixes(3)).toBe(false); // more are left
    expect(await service.countOldFixes(3)).toBe(true);
    expect(await store.history.uncountedFixes(10)).toEqual([]);
    const { tallies } = await store.history.effectivenessTallies({
      since: "2026-03-01",
      until: "2026-03-31",
    });
    expect(tallies.nudges).toEqual([
      { rule: "source-missing", nudgedOn: "2026-03-06", daysToFix: 3, count: 5, snoozed: 0 },
    ]);
  });
});
