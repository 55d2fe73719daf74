// One contract for every store: SQLite always, PostgreSQL when TEST_DATABASE_URL names a server
// (.ci/run starts one). Two handles on one database stand for two replicas.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { openStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";

interface Backend {
  name: string;
  /** A new empty database, and a way to open more handles on it. */
  create(): Promise<{ open: () => Store; cleanup: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "SQLite",
    create: async () => {
      const file = join(mkdtempSync(join(tmpdir(), "nudgebot-contract-")), "store.db");
      return { open: () => openStore({ kind: "sqlite", file: file }), cleanup: async () => {} };
    },
  },
];
if (POSTGRES_URL) {
  backends.push({
    name: "PostgreSQL",
    create: async () => {
      const database = await freshPostgresDatabase();
      return { open: () => openStore({ kind: "postgres", url: database.url }), cleanup: database.drop };
    },
  });
}

const NOW = new Date("2026-03-10T15:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const message = (key: string, channel = "UAVA") => ({
  key,
  kind: "digest",
  channel,
  payload: { text: `hello ${key}` },
});

describe.each(backends)("the $name store", (backend) => {
  const opened: Store[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function replicas(count: number): Promise<Store[]> {
    const { open, cleanup } = await backend.create();
    cleanups.push(cleanup);
    const stores = Array.from({ length: count }, open);
    opened.push(...stores);
    // Replicas starting together: each migration is applied exactly once.
    const reports = await Promise.all(stores.map((store) => store.migrate()));
    expect(reports.flatMap((report) => report.applied)).toHaveLength(MIGRATIONS.length);
    return stores;
  }

  it("claims a rep's digest for a local date once across replicas, queueing it in the same step", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error("no stores");
    const claim = { rep: "ava@example.com", localDate: "2026-03-10", findingCount: 3, claimedAt: NOW };
    const results = await Promise.all([
      a.claimDigest(claim, message("digest:ava:2026-03-10")),
      b.claimDigest(claim, message("digest:ava:2026-03-10")),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect((await a.outboxStats(NOW)).depth).toBe(1);
    expect((await b.listDigestClaims("2026-03-10")).map((row) => row.rep)).toEqual(["ava@example.com"]);
  });

  it("leases each due message to one replica only, and hands an expired lease over, flagged uncertain", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error("no stores");
    for (let index = 0; index < 20; index++) await a.enqueue(message(`m${index}`), NOW);
    expect(await a.enqueue(message("m0"), NOW)).toBe(false);
    const [first, second] = await Promise.all([
      a.leaseDueMessages("replica-a", NOW, 60_000, 15),
      b.leaseDueMessages("replica-b", NOW, 60_000, 15),
    ]);
    const keys = [...(first ?? []), ...(second ?? [])].map((leased) => leased.key);
    expect(new Set(keys).size).toBe(20);
    expect(keys).toHaveLength(20);

    // B sends its share; replica A dies with its share leased.
    for (const leased of second ?? [])
      await b.markSent(leased.key, "replica-b", { channel: "D1", ts: leased.key }, NOW);
    const stranded = (first ?? []).map((leased) => leased.key);
    // After A's lease runs out B takes its messages, marked as maybe sent.
    expect(await b.leaseDueMessages("replica-b", later(30_000), 60_000, 50)).toEqual([]);
    const takenOver = await b.leaseDueMessages("replica-b", later(61_000), 60_000, 50);
    expect(takenOver.map((leased) => leased.key).sort()).toEqual([...stranded].sort());
    expect(takenOver.every((leased) => leased.uncertain && leased.attempts === 2)).toBe(true);

    // The dead replica's late report is ignored: only the lease holder settles a message.
    const one = takenOver[0]?.key ?? "";
    await a.markSent(one, "replica-a", { channel: "D1", ts: "1.1" }, later(62_000));
    expect((await b.getMessage(one))?.status).toBe("sending");
    await b.markSent(one, "replica-b", { channel: "D1", ts: "1.2" }, later(62_000));
    expect(await b.getMessage(one)).toMatchObject({ status: "sent", messageTs: "1.2", uncertain: false });
    expect((await a.findSentMessage("D1", "1.2"))?.key).toBe(one);
  });

  it("keeps retries waiting until their time, and counts what is failed", async () => {
    const [store] = await replicas(1);
    if (!store) throw new Error("no store");
    await store.enqueue(message("r1"), NOW);
    await store.enqueue(message("r2"), NOW);
    const leased = await store.leaseDueMessages("s", NOW, 60_000, 10);
    await store.markRetry(leased[0]?.key ?? "", "s", later(30_000), "ratelimited", false);
    await store.markFailed(leased[1]?.key ?? "", "s", "channel_not_found");
    expect(await store.leaseDueMessages("s", later(29_000), 60_000, 10)).toEqual([]);
    expect((await store.leaseDueMessages("s", later(30_000), 60_000, 10)).map((m) => m.lastError)).toEqual([
      "ratelimited",
    ]);
    expect(await store.outboxStats(later(60_000))).toEqual({ depth: 1, oldestAgeSeconds: 60, failed: 1 });
    expect(await store.queuedKeys("r")).toEqual(new Set(["r1", "r2"]));
  });

  it("lets a sender send only while it holds the lease, extending it send by send", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error("no stores");
    await a.enqueue(message("l1"), NOW);
    await a.leaseDueMessages("replica-a", NOW, 60_000, 10);
    expect(await a.renewMessageLease("l1", "replica-a", later(50_000), 60_000)).toBe(true);
    // Extended to 110 s: nobody can take it over at 100 s.
    expect(await b.leaseDueMessages("replica-b", later(100_000), 60_000, 10)).toEqual([]);
    expect(await a.renewMessageLease("l1", "replica-b", later(100_000), 60_000)).toBe(false);
    // Run out: A may not send any more, even before anyone takes it over.
    expect(await a.renewMessageLease("l1", "replica-a", later(111_000), 60_000)).toBe(false);
    expect((await b.leaseDueMessages("replica-b", later(112_000), 60_000, 10))[0]).toMatchObject({
      key: "l1",
      uncertain: true,
    });
    expect(await a.renewMessageLease("l1", "replica-a", later(112_000), 60_000)).toBe(false);
  });

  it("keeps a retried message flagged uncertain when its post may have landed", async () => {
    const [store] = await replicas(1);
    if (!store) throw new Error("no store");
    await store.enqueue(message("u1"), NOW);
    await store.enqueue(message("u2"), NOW);
    await store.leaseDueMessages("s", NOW, 60_000, 10);
    await store.markRetry("u1", "s", NOW, "network: timeout", true);
    await store.markRetry("u2", "s", NOW, "ratelimited", false);
    const again = await store.leaseDueMessages("s", NOW, 60_000, 10);
    expect(Object.fromEntries(again.map((leased) => [leased.key, leased.uncertain]))).toEqual({
      u1: true,
      u2: false,
    });
  });

  it("purges sent messages past retention in batches, and never queues their keys again", async () => {
    const [store] = await replicas(1);
    if (!store) throw new Error("no store");
    const day = 86_400_000;
    for (const key of ["old1", "old2", "old3", "recent", "waiting", "refused"])
      await store.enqueue(message(key), later(-40 * day));
    await store.leaseDueMessages("s", later(-40 * day), 60_000, 10);
    for (const [key, daysAgo] of [
      ["old1", 40],
      ["old2", 35],
      ["old3", 31],
      ["recent", 2],
    ] as const)
      await store.markSent(key, "s", { channel: "D1", ts: key }, later(-daysAgo * day));
    await store.markRetry("waiting", "s", NOW, "HTTP 503", false);
    await store.markFailed("refused", "s", "channel_not_found");

    const cutoff = later(-30 * day);
    expect(await store.purgeSent(cutoff, 2)).toBe(2);
    expect(await store.purgeSent(cutoff, 2)).toBe(1);
    expect(await store.purgeSent(cutoff, 2)).toBe(0);
    expect(await store.getMessage("old1")).toBeNull();
    expect(await store.findSentMessage("D1", "old3")).toBeNull();
    expect((await store.findSentMessage("D1", "recent"))?.key).toBe("recent");
    expect(await store.enqueue(message("old1"), NOW)).toBe(false);
    expect(await store.queuedKeys("")).toEqual(new Set(["recent", "waiting", "refused"]));
    expect(await store.outboxStats(NOW)).toMatchObject({ depth: 1, failed: 1 });
  });

  it("sends a notice queued every cycle once, before and after its sent row is purged", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error("no stores");
    const day = 86_400_000;
    const notice = message("rep-not-found:jo@example.com", "UADMIN");
    const queued = [await a.enqueue(notice, later(-40 * day)), await b.enqueue(notice, later(-40 * day))];
    const leased = await a.leaseDueMessages("s", later(-40 * day), 60_000, 10);
    await a.markSent(notice.key, "s", { channel: "DADMIN", ts: "1.1" }, later(-40 * day));
    queued.push(await b.enqueue(notice, later(-39 * day)));
    // Both replicas purge, and each cycle goes on queueing the notice on either replica.
    const purged = await Promise.all([a.purgeSent(later(-30 * day), 10), b.purgeSent(later(-30 * day), 10)]);
    queued.push(await a.enqueue(notice, NOW), await b.enqueue(notice, NOW));
    queued.push(...(await Promise.all([a.enqueue(notice, later(day)), b.enqueue(notice, later(day))])));

    expect(leased.map((row) => row.key)).toEqual([notice.key]);
    expect(queued).toEqual([true, false, false, false, false, false, false]);
    expect(purged.sort()).toEqual([0, 1]);
    expect(await b.leaseDueMessages("s", later(2 * day), 60_000, 10)).toEqual([]);
    expect(await a.queuedKeys("rep-not-found:")).toEqual(new Set());
  });

  it("finds queued keys by prefix exactly, whatever sorts near them", async () => {
    const [store] = await replicas(1);
    if (!store) throw new Error("no store");
    for (const key of [
      "adoption:g1:ava",
      "adoption:g2:ken",
      "adoption;x",
      "adoptionz",
      "adopt",
      "Adoption:g1",
    ])
      await store.enqueue(message(key), NOW);
    expect(await store.queuedKeys("adoption:")).toEqual(new Set(["adoption:g1:ava", "adoption:g2:ken"]));
  });

  it("stores snoozes, the Slack directory and settings", async () => {
    const [store] = await replicas(1);
    if (!store) throw new Error("no store");
    await store.snooze({
      rep: "ava@example.com",
      rule: "deck-missing",
      recordId: "006A",
      until: "2026-03-12",
    });
    await store.snooze({
      rep: "ava@example.com",
      rule: "deck-missing",
      recordId: "006A",
      until: "2026-03-14",
    });
    expect(await store.activeSnoozes("ava@example.com", "2026-03-14")).toHaveLength(1);
    expect(await store.activeSnoozes("ava@example.com", "2026-03-15")).toEqual([]);
    await store.saveSlackUsers([
      { email: "ava@example.com", userId: "UAVA", checkedAt: NOW },
      { email: "cy@example.com", userId: null, checkedAt: NOW },
    ]);
    expect(
      (await store.getSlackUsers(["ava@example.com", "cy@example.com", "x@example.com"]))
        .map((u) => u.userId)
        .sort(),
    ).toEqual(["UAVA", null].sort());
    expect((await store.findSlackUserById("UAVA"))?.email).toBe("ava@example.com");
    await store.setSetting("channel-id:commercial_global_all", "CTEAM", NOW);
    expect(await store.getSetting("channel-id:commercial_global_all")).toBe("CTEAM");
    await store.ping();
  });

  it("saves trips, notes and projects, reminds at most 3 times, and keeps the first check-in answer", async () => {
    const [store] = await replicas(1);
    if (!store) throw new Error("no store");
    const trip = {
      id: "t1",
      rep: "ava@example.com",
      eventName: "KubeCon",
      startDate: "2026-03-02",
      endDate: "2026-03-04",
      travelCost: 1,
      foodAndLodgingCost: 2,
      meals: 0,
      customers: 0,
      times: 0,
      costPerMeal: 0,
      businessHoursAway: 8,
      personalHoursAway: 2,
      meetingsBooked: 3,
      status: "planned" as const,
      remindersSent: 0,
      createdAt: NOW,
    };
    await store.savePlannedTrip(trip);
    const remind = (date: string, n: number) =>
      store.claimTripReminder("t1", date, 3, message(`reminder-${n}`), NOW);
    expect([
      await remind("2026-03-05", 1),
      await remind("2026-03-05", 2),
      await remind("2026-03-06", 3),
      await remind("2026-03-09", 4),
      await remind("2026-03-10", 5),
    ]).toEqual([true, false, true, true, false]);
    await store.saveTripNotes(
      {
        id: "n1",
        rep: "ava@example.com",
        tripId: "t1",
        eventName: "KubeCon",
        startDate: "2026-03-02",
        endDate: "2026-03-04",
        location: null,
        accountsMet: null,
        insights: "x",
        pipelineCreated: 10,
        followUps: null,
        notesUrl: null,
        feedbackShared: true,
        createdAt: NOW,
      },
      [message("trip-notes:n1", "#commercial_global_all")],
    );
    expect(await store.listPlannedTrips("ava@example.com")).toEqual([]);
    // The console's trip table still finds the trip, now noted, in its one read of every trip.
    expect((await store.listAllPlannedTrips()).map((trip) => [trip.id, trip.status])).toEqual([
      ["t1", "noted"],
    ]);
    expect((await store.listTripNotes())[0]).toMatchObject({ id: "n1", pipelineCreated: 10, createdAt: NOW });
    expect((await store.getMessage("trip-notes:n1"))?.channel).toBe("#commercial_global_all");

    await store.saveGiveBack(
      {
        id: "g1",
        rep: "ava@example.com",
        title: "AMA",
        problem: "p",
        description: null,
        coeTopic: null,
        trackingUrl: null,
        repeatable: false,
        handbookUrl: null,
        status: "proposed",
        createdAt: NOW,
      },
      [],
    );
    await store.setGiveBackStatus("g1", "completed", NOW);
    expect((await store.getGiveBack("g1"))?.status).toBe("completed");
    expect(await store.answerCheckIn("g1", "ken@example.com", "2026-03", true, NOW)).toBe(true);
    expect(await store.answerCheckIn("g1", "ken@example.com", "2026-03", false, NOW)).toBe(false);
    expect(await store.answerCheckIn("g1", "mia@example.com", "2026-03", false, NOW)).toBe(true);
    expect(await store.adoptionYes("2026-03")).toEqual(new Map([["g1", 1]]));
  });

  it("lets one replica hold a job lease, and another take it once it expires", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error("no stores");
    const [one, two] = await Promise.all([
      a.acquireLease("digests", "a", 60_000, NOW),
      b.acquireLease("digests", "b", 60_000, NOW),
    ]);
    expect([one, two].sort()).toEqual([false, true]);
    const holder = one ? a : b;
    const other = one ? b : a;
    const otherName = one ? "b" : "a";
    expect(await other.acquireLease("digests", otherName, 60_000, later(59_000))).toBe(false);
    // The holder was killed: its lease runs out and the other replica takes the job.
    expect(await other.acquireLease("digests", otherName, 60_000, later(61_000))).toBe(true);
    await other.releaseLease("digests", otherName);
    expect(await holder.acquireLease("digests", one ? "a" : "b", 60_000, later(62_000))).toBe(true);
  });
});
