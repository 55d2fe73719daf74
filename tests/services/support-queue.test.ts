// Breach alerts through the real bot: the poll reads the in-memory desk, DMs the rep whose turn it
// is through the outbox (once), settles alerts on later reads, and copes with a desk that refuses
// the credentials, is down, or hangs, without holding up digests.
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/index.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";
import { FakeSupportDesk, queueTicket, unauthorized, unavailable } from "../helpers/fake-support-desk.ts";
import { alertsTo, poll, supportHarness, supportSlack } from "../helpers/support-harness.ts";

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

describe("breach alerts", () => {
  it("DMs the triaging rep whose turn it is, once, with the ticket, the SLA and the breach time in their own time", async () => {
    const desk = new FakeSupportDesk();
    // 11:00 UTC Tuesday is 04:00 in Los Angeles; Nia (New York) is not at work yet.
    desk.tickets = [
      queueTicket(41, "2026-03-10T11:00:00Z", {
        organization: { id: 1, name: "Nia & Co", externalId: null, domainNames: [] },
      }),
    ];
    harness = await supportHarness("2026-03-10T10:00:00Z", desk);
    expect(await poll(harness)).toMatchObject({ status: "read", alerted: 1 });
    const [dm] = alertsTo(harness, "UDARA");
    const text = JSON.stringify(dm?.params);
    expect(text).toContain("Cannot renew &lt;licence&gt; #41");
    expect(text).toContain("Nia &amp; Co");
    expect(text).toContain("*first reply*");
    expect(text).toContain("Tue 10 Mar, 11:00 GMT");
    expect(text).toContain("https://acme.zendesk.test/agent/tickets/41");
    expect(text).toContain("Open in Zendesk");
    // Another read, and a restart's worth of trying again: no second DM.
    harness.clock.now = new Date("2026-03-10T10:05:00Z");
    expect(await poll(harness)).toMatchObject({ alerted: 0 });
    expect(alertsTo(harness, "UDARA")).toHaveLength(1);
    expect(alertsTo(harness, "ULENA")).toHaveLength(0);
    expect(await harness.bot.store.getSupportAlert(41, "first_reply_time")).toMatchObject({
      rep: "dara@example.com",
    });
  });

  it("asks the desk nothing while no triaging rep is at work", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(41, "2026-03-10T08:30:00Z")];
    harness = await supportHarness("2026-03-10T07:00:00Z", desk);
    expect(await poll(harness)).toEqual({ status: "idle" });
    expect(desk.callsOf("readQueue")).toHaveLength(0);
  });

  it("marks an alert breached anyway when the target passes still active, and met when the ticket leaves the queue", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z"), queueTicket(42, "2026-03-10T11:10:00Z")];
    harness = await supportHarness("2026-03-10T10:00:00Z", desk);
    await poll(harness);
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z")];
    harness.clock.now = new Date("2026-03-10T11:05:00Z");
    expect(await poll(harness)).toMatchObject({ settled: 2 });
    expect((await harness.bot.store.getSupportAlert(41, "first_reply_time"))?.outcome).toBe("breached");
    expect((await harness.bot.store.getSupportAlert(42, "first_reply_time"))?.outcome).toBe("met");
  });
});

describe("alerts that never reached the rep, or whose ticket left the queue late", () => {
  it("counts an alert that expired on the way as not sent, and a ticket gone after its breach as neither met nor breached", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z"), queueTicket(42, "2026-03-10T11:10:00Z")];
    // Slack is down when the alerts are queued, and until after both breaches.
    const slack = supportSlack().rateLimitNext("chat.postMessage", 3600);
    harness = await supportHarness("2026-03-10T10:00:00Z", desk, { slack });
    await poll(harness);
    expect(harness.slack.delivered).toHaveLength(0);
    // 42 leaves the queue after its breach time; 41 is still in it, breached.
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z")];
    harness.clock.now = new Date("2026-03-10T11:15:00Z");
    await harness.bot.sender.drain();
    expect(harness.slack.delivered).toHaveLength(0);
    expect((await harness.bot.store.getMessage("support-alert:41:first_reply_time"))?.status).toBe("failed");
    await poll(harness);
    expect((await harness.bot.store.getSupportAlert(41, "first_reply_time"))?.outcome).toBe("unsent");
    expect((await harness.bot.store.getSupportAlert(42, "first_reply_time"))?.outcome).toBe("unsent");
    const tally = await harness.bot.store.supportAlertTally(
      new Date("2026-03-10T00:00:00Z"),
      new Date("2026-03-11T00:00:00Z"),
    );
    expect(tally).toEqual({ sent: 0, taken: 0, breached: 0, met: 0 });
  });

  it("does not call a ticket met when it is missing from a read taken after its breach", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(42, "2026-03-10T11:10:00Z")];
    harness = await supportHarness("2026-03-10T10:00:00Z", desk);
    await poll(harness);
    expect(alertsTo(harness, "UDARA")).toHaveLength(1);
    desk.tickets = [];
    harness.clock.now = new Date("2026-03-10T11:15:00Z");
    await poll(harness);
    expect((await harness.bot.store.getSupportAlert(42, "first_reply_time"))?.outcome).toBeNull();
  });
});

describe("other consumers of the queue", () => {
  it("hands each read to every hook, and a failing hook costs no alert", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z")];
    const seen: number[][] = [];
    harness = await supportHarness("2026-03-10T10:00:00Z", desk, {
      onQueueRead: [
        async () => {
          throw new Error("forwarding broke");
        },
        async (read) => {
          seen.push(read.tickets.map((ticket) => ticket.id));
        },
      ],
    });
    expect(await poll(harness)).toMatchObject({ alerted: 1 });
    expect(seen).toEqual([[41]]);
  });
});

describe("a desk that fails", () => {
  it("tells admins once when it refuses the credentials, and digests still go out", async () => {
    const desk = new FakeSupportDesk();
    desk.failure = unauthorized();
    harness = await supportHarness("2026-03-10T10:00:00Z", desk);
    expect(await poll(harness)).toEqual({ status: "failed", kind: "unauthorized" });
    harness.clock.now = new Date("2026-03-10T10:05:00Z");
    await poll(harness);
    const notices = harness.slack
      .callsOf("chat.postMessage")
      .filter((call) => String(call.params.text).includes("Zendesk refused"));
    expect(notices.map((call) => call.params.channel)).toEqual(["UOPS"]);
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(harness.slack.delivered.some((message) => message.channel === "DNIA")).toBe(true);
  });

  it("alerts at the next poll after the desk was down", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z")];
    desk.failure = unavailable();
    harness = await supportHarness("2026-03-10T10:00:00Z", desk);
    expect(await poll(harness)).toEqual({ status: "failed", kind: "unavailable" });
    expect(alertsTo(harness, "UDARA")).toHaveLength(0);
    desk.failure = null;
    harness.clock.now = new Date("2026-03-10T10:05:00Z");
    expect(await poll(harness)).toMatchObject({ alerted: 1 });
  });

  it("never holds up the digests while the desk hangs", async () => {
    const desk = new FakeSupportDesk();
    let release = () => {};
    desk.hang = new Promise((resolve) => {
      release = resolve;
    });
    harness = await supportHarness("2026-03-10T15:00:00Z", desk);
    const jobs = startJobs(harness.bot.jobDeps, "replica-test");
    try {
      const polling = jobs.support?.runNow();
      await jobs.digests.runNow();
      expect(harness.slack.delivered.some((message) => message.channel === "DNIA")).toBe(true);
      expect(desk.callsOf("readQueue")).toHaveLength(1);
      release();
      await polling;
    } finally {
      release();
      await jobs.stop();
    }
  });
});

describe("a desk too slow for the poll", () => {
  it("gives up the read at its deadline, logs it once, alerts nothing, and the next poll reads", async () => {
    const desk = new FakeSupportDesk();
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z")];
    desk.hang = new Promise(() => {});
    const lines: { msg: string; deadlineMs?: number }[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const deadlines: { ms: number; controller: AbortController }[] = [];
    harness = await supportHarness("2026-03-10T10:00:00Z", desk, {
      logger,
      supportDeadlineAfter: (ms) => {
        const controller = new AbortController();
        deadlines.push({ ms, controller });
        return controller.signal;
      },
    });
    const polling = poll(harness);
    await expect.poll(() => desk.callsOf("readQueue").length).toBe(1);
    deadlines[0]?.controller.abort();
    expect(await polling).toEqual({ status: "failed", kind: "unavailable" });
    // The default lease of 300 s and poll of 5 minutes: 80% of the lease is the smaller.
    expect(deadlines.map((deadline) => deadline.ms)).toEqual([240_000]);
    const outOfTime = lines.filter((line) => line.msg.includes("ran out of time"));
    expect(outOfTime).toHaveLength(1);
    expect(outOfTime[0]?.deadlineMs).toBe(240_000);
    expect(alertsTo(harness, "UDARA")).toHaveLength(0);
    expect(await harness.bot.store.getSupportAlert(41, "first_reply_time")).toBeNull();

    desk.hang = null;
    harness.clock.now = new Date("2026-03-10T10:05:00Z");
    expect(await poll(harness)).toMatchObject({ status: "read", alerted: 1 });
    expect(desk.deadlines[1]?.aborted).toBe(false);
  });
});

describe("the support queue job", () => {
  it("polls on the minutes that are a multiple of support.pollMinutes", async () => {
    const desk = new FakeSupportDesk();
    harness = await supportHarness("2026-03-10T10:01:00Z", desk);
    const jobs = startJobs(harness.bot.jobDeps, "replica-test");
    try {
      await jobs.support?.runNow();
      expect(desk.callsOf("readQueue")).toHaveLength(0);
      harness.clock.now = new Date("2026-03-10T10:05:00Z");
      await jobs.support?.runNow();
      expect(desk.callsOf("readQueue")).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });
});

describe("no help desk configured", () => {
  it("runs no poll and registers no job", async () => {
    harness = await startHarness({ now: "2026-03-10T10:00:00Z" });
    expect(harness.bot.support).toBeNull();
    expect(harness.bot.jobDeps.support).toBeUndefined();
    const jobs = startJobs(harness.bot.jobDeps, "replica-test");
    expect(jobs.support).toBeNull();
    await jobs.stop();
  });
});
