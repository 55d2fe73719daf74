// What the admin console's reports read from the store, on SQLite always and on PostgreSQL when
// TEST_DATABASE_URL names a server: sends per local day and kind, delivery problems, adoption answers.
import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { backends, freshStores } from "../helpers/store-backends.ts";

/** Queues a message at `at` and sends it at once, as the outbox sender would. */
async function sendAt(store: Store, key: string, kind: string, at: string): Promise<void> {
  const when = new Date(at);
  await store.enqueue({ key, kind, channel: "UAVA", payload: { text: key } }, when);
  const [leased] = await store.leaseDueMessages("sender", when, 60_000, 1);
  if (leased?.key !== key) throw new Error(`expected to lease ${key}`);
  await store.markSent(key, "sender", { channel: "D1", ts: key }, when);
}

describe.each(backends)("the $name store's console reports", (backend) => {
  const open = freshStores(backend);

  it("counts sent messages per local day and kind, in the time zone asked for", async () => {
    const store = await open();
    await sendAt(store, "digest:ava:1", "digest", "2026-03-10T03:30:00Z"); // 23:30 on the 9th in New York
    await sendAt(store, "digest:ava:2", "digest", "2026-03-10T04:30:00Z"); // 00:30 on the 10th
    await sendAt(store, "digest:ken:2", "digest", "2026-03-10T14:00:00Z");
    await sendAt(store, "manager-digest:mia:2", "manager-digest", "2026-03-10T14:01:00Z");
    await sendAt(store, "digest:old", "digest", "2026-02-01T14:00:00Z"); // before the period
    // Queued but not sent yet: not counted.
    await store.enqueue(
      { key: "digest:cy:2", kind: "digest", channel: "UCY", payload: { text: "x" } },
      new Date(),
    );

    const since = new Date("2026-03-01T00:00:00Z");
    expect(await store.reports.sentPerDay(since, "America/New_York")).toEqual([
      { day: "2026-03-09", kind: "digest", count: 1 },
      { day: "2026-03-10", kind: "digest", count: 2 },
      { day: "2026-03-10", kind: "manager-digest", count: 1 },
    ]);
    // The same sends in UTC all fall on the 10th; in India (UTC+5:30) the half hour matters.
    expect(await store.reports.sentPerDay(since, "UTC")).toEqual([
      { day: "2026-03-10", kind: "digest", count: 3 },
      { day: "2026-03-10", kind: "manager-digest", count: 1 },
    ]);
    await sendAt(store, "digest:raj:1", "digest", "2026-03-10T18:20:00Z"); // 23:50 in Kolkata
    await sendAt(store, "digest:raj:2", "digest", "2026-03-10T18:40:00Z"); // 00:10 the next day
    const kolkata = await store.reports.sentPerDay(new Date("2026-03-10T15:00:00Z"), "Asia/Kolkata");
    expect(kolkata).toEqual([
      { day: "2026-03-10", kind: "digest", count: 1 },
      { day: "2026-03-11", kind: "digest", count: 1 },
    ]);
  });

  it("lists failed and retrying messages with their error, newest first, and counts the uncertain ones", async () => {
    const store = await open();
    const t0 = new Date("2026-03-10T15:00:00Z");
    for (const [index, key] of ["a", "b", "c", "d"].entries())
      await store.enqueue(
        { key, kind: "digest", channel: "UAVA", payload: { text: key } },
        new Date(t0.getTime() + index * 1000),
      );
    const leased = await store.leaseDueMessages("s", new Date(t0.getTime() + 10_000), 60_000, 10);
    expect(leased).toHaveLength(4);
    await store.markFailed("a", "s", "channel_not_found");
    await store.markRetry("b", "s", new Date(t0.getTime() + 60_000), "ratelimited", true);
    await store.markSent("c", "s", { channel: "D1", ts: "1" }, t0);
    await store.markRetry(
      "d",
      "s",
      new Date(t0.getTime() + 60_000),
      'error <script>alert(1)</script> & "x"',
      false,
    );

    const problems = await store.reports.deliveryProblems(10);
    expect(problems.map((p) => [p.key, p.status, p.lastError, p.attempts])).toEqual([
      ["d", "pending", 'error <script>alert(1)</script> & "x"', 1],
      ["b", "pending", "ratelimited", 1],
      ["a", "failed", "channel_not_found", 1],
    ]);
    expect(problems[0]?.createdAt.toISOString()).toBe("2026-03-10T15:00:03.000Z");
    expect(await store.reports.deliveryProblems(1)).toHaveLength(1);
    expect(await store.reports.uncertainCount()).toBe(1);
  });

  it("gives every yes answer to a Give Back check-in from a month on, one per rep, project and month", async () => {
    const store = await open();
    const now = new Date("2026-03-10T15:00:00Z");
    await store.answerCheckIn("p1", "ava@example.com", "2026-01", true, now);
    await store.answerCheckIn("p1", "ava@example.com", "2026-02", true, now);
    await store.answerCheckIn("p1", "ava@example.com", "2026-02", false, now); // the first answer stands
    await store.answerCheckIn("p1", "ken@example.com", "2026-02", false, now);
    await store.answerCheckIn("p2", "ken@example.com", "2026-03", true, now);
    const yes = await store.reports.adoptionYesSince("2026-02");
    expect(yes.sort((a, b) => (a.month < b.month ? -1 : 1))).toEqual([
      { projectId: "p1", rep: "ava@example.com", month: "2026-02" },
      { projectId: "p2", rep: "ken@example.com", month: "2026-03" },
    ]);
  });
});
