// Breach alerts in the store, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set: an
// alert and its DM are one write, never two for a ticket and metric; taken and outcomes kept.
import { describe, expect, it } from "vitest";
import type { NewSupportAlert } from "../../src/store/support-alerts-store.ts";
import { backends, freshStores } from "../helpers/store-backends.ts";

const AT = new Date("2026-03-10T10:00:00.000Z");

const alert = (overrides: Partial<NewSupportAlert> = {}): NewSupportAlert => ({
  ticketId: 4_000_000_123,
  metric: "first_reply_time",
  breachAt: new Date("2026-03-10T11:00:00.000Z"),
  rep: "dara@example.com",
  as: "triage",
  alertedAt: AT,
  ...overrides,
});

const dm = (ticketId: number, metric: string) => ({
  key: `support-alert:${ticketId}:${metric}`,
  kind: "support-alert",
  channel: "UDARA",
  payload: { text: `Ticket ${ticketId}` },
});

describe.each(backends)("the $name store's breach alerts", (backend) => {
  const fresh = freshStores(backend);

  it("records an alert and queues its DM once, whoever tries again", async () => {
    const store = await fresh();
    const first = alert();
    const [a, b] = await Promise.all([
      store.recordSupportAlert(first, dm(first.ticketId, first.metric)),
      store.recordSupportAlert({ ...first, rep: "lena@example.com" }, dm(first.ticketId, first.metric)),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await store.queuedKeys("support-alert:")).size).toBe(1);
    const kept = await store.getSupportAlert(first.ticketId, "first_reply_time");
    expect(kept).toMatchObject({
      ticketId: 4_000_000_123,
      breachAt: first.breachAt,
      alertedAt: AT,
      outcome: null,
    });
    // A later metric of the same ticket is its own alert.
    const next = alert({ metric: "next_reply_time" });
    expect(await store.recordSupportAlert(next, dm(next.ticketId, next.metric))).toBe(true);
    expect((await store.supportAlertsOf([first.ticketId, 7])).map((row) => row.metric)).toEqual([
      "first_reply_time",
      "next_reply_time",
    ]);
  });

  it("writes no alert when its DM's key was queued before", async () => {
    const store = await fresh();
    await store.enqueue(dm(5, "first_reply_time"), AT);
    expect(await store.recordSupportAlert(alert({ ticketId: 5 }), dm(5, "first_reply_time"))).toBe(false);
    expect(await store.getSupportAlert(5, "first_reply_time")).toBeNull();
  });

  it("keeps the first taker and the first outcome, and tallies sent, taken and breached anyway", async () => {
    const store = await fresh();
    for (const [ticketId, rep] of [
      [1, "dara@example.com"],
      [2, "lena@example.com"],
      [3, "lena@example.com"],
    ] as const)
      await store.recordSupportAlert(alert({ ticketId, rep }), dm(ticketId, "first_reply_time"));
    const later = new Date("2026-03-10T10:30:00.000Z");
    await store.markSupportAlertTaken(1, "first_reply_time", "dara@example.com", later);
    await store.markSupportAlertTaken(
      1,
      "first_reply_time",
      "lena@example.com",
      new Date("2026-03-10T10:40:00Z"),
    );
    await store.settleSupportAlert(1, "first_reply_time", "met", later);
    await store.settleSupportAlert(2, "first_reply_time", "breached", later);
    await store.settleSupportAlert(2, "first_reply_time", "met", new Date("2026-03-10T12:00:00Z"));
    expect(await store.getSupportAlert(1, "first_reply_time")).toMatchObject({
      takenBy: "dara@example.com",
      takenAt: later,
      outcome: "met",
    });
    expect((await store.getSupportAlert(2, "first_reply_time"))?.outcome).toBe("breached");
    expect((await store.openSupportAlerts()).map((row) => row.ticketId)).toEqual([3]);
    expect((await store.supportAlertsSince(AT)).map((row) => row.rep).sort()).toEqual([
      "dara@example.com",
      "lena@example.com",
      "lena@example.com",
    ]);
    expect(await store.supportAlertsSince(new Date("2026-03-10T10:00:01Z"))).toEqual([]);
    expect(await store.supportAlertTally(AT, new Date("2026-03-11T00:00:00Z"))).toEqual({
      sent: 3,
      taken: 1,
      breached: 1,
      met: 1,
    });
    expect(
      await store.supportAlertTally(new Date("2026-03-11T00:00:00Z"), new Date("2026-03-12T00:00:00Z")),
    ).toEqual({
      sent: 0,
      taken: 0,
      breached: 0,
      met: 0,
    });
  });

  it("does not count as sent an alert whose DM was never posted, nor as met or breached one that left the queue", async () => {
    const store = await fresh();
    for (const ticketId of [1, 2, 3])
      await store.recordSupportAlert(alert({ ticketId }), dm(ticketId, "first_reply_time"));
    const later = new Date("2026-03-11T12:00:00.000Z");
    await store.settleSupportAlert(1, "first_reply_time", "unsent", later);
    await store.settleSupportAlert(2, "first_reply_time", "left", later);
    expect((await store.getSupportAlert(2, "first_reply_time"))?.outcome).toBe("left");
    expect(await store.supportAlertTally(AT, new Date("2026-03-11T00:00:00Z"))).toEqual({
      sent: 2,
      taken: 0,
      breached: 0,
      met: 0,
    });
  });
});
