import { afterEach, describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/index.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { STANDARD_RETRY } from "../../src/services/outbox-sender.ts";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";
import { fakeSlackWithTeam, type Harness, newDbFile, startHarness, TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";

const NOW = "2026-03-10T15:00:00Z";
let harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses) await harness.stop().catch(() => {});
  harnesses = [];
});

async function start(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const harness = await startHarness(options);
  harnesses.push(harness);
  return harness;
}

async function stop(harness: Harness): Promise<void> {
  await harness.stop();
  harnesses = harnesses.filter((other) => other !== harness);
}

const digestsTo = (harness: Harness) =>
  harness.slack.delivered
    .filter((message) => JSON.stringify(message.metadata).includes("digest:"))
    .map((m) => m.channel);

describe("digest delivery", () => {
  it("sends each rep one digest a day, across two runs and a restart on the same database", async () => {
    const dbFile = newDbFile();
    const first = await start({ now: NOW, dbFile });
    const summary = await runNudgeCycle(first.bot.cycle, "now");
    expect(summary).toMatchObject({
      queued: 2,
      alreadySent: 0,
      notFound: ["cy@example.com"],
      delivered: 3,
      waiting: 0,
    });
    expect(digestsTo(first).sort()).toEqual(["DAVA", "DKEN"]);
    expect((await runNudgeCycle(first.bot.cycle, "now")).queued).toBe(0);
    await stop(first);

    const slack = fakeSlackWithTeam();
    const second = await start({ now: "2026-03-10T15:30:00Z", dbFile, slack });
    const again = await runNudgeCycle(second.bot.cycle, "now");
    expect(again).toMatchObject({ queued: 0, alreadySent: 2, delivered: 0 });
    expect(slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("tells the admins once about a rep who is not in Slack", async () => {
    const harness = await start({ now: NOW });
    await runNudgeCycle(harness.bot.cycle, "now");
    harness.clock.now = new Date("2026-03-11T15:00:00Z");
    await runNudgeCycle(harness.bot.cycle, "now");
    const notices = harness.slack
      .callsOf("chat.postMessage")
      .filter((call) => call.params.channel === "UOPS");
    expect(notices).toHaveLength(1);
    expect(String(notices[0]?.params.text)).toBe("Cy Vance could not be found in Slack");
  });

  it("waits out a 429's Retry-After, then delivers the digest once", async () => {
    const slack = fakeSlackWithTeam().rateLimitNext("chat.postMessage", 30);
    const harness = await start({ now: NOW, slack, retry: STANDARD_RETRY });
    const summary = await runNudgeCycle(harness.bot.cycle, "now");
    // The 429 pauses the whole batch: nothing else is sent into the rate limit.
    expect(summary).toMatchObject({ queued: 2, delivered: 0, waiting: 3 });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);

    harness.clock.now = new Date("2026-03-10T15:00:29Z");
    expect((await harness.bot.sender.drain()).sent).toBe(0);
    harness.clock.now = new Date("2026-03-10T15:00:31Z");
    expect((await harness.bot.sender.drain()).sent).toBe(3);
    expect(digestsTo(harness).sort()).toEqual(["DAVA", "DKEN"]);
    expect(slack.callsOf("chat.postMessage")).toHaveLength(4);
    expect(await harness.bot.store.outboxStats(harness.clock.now)).toMatchObject({ depth: 0, failed: 0 });
  });

  it("retries after a 500 and a network error, and never drops the message", async () => {
    const slack = fakeSlackWithTeam()
      .failNext("chat.postMessage", { status: 500, body: { ok: false } })
      .failNext("chat.postMessage", { status: 200, body: { ok: false, error: "internal_error" } });
    const harness = await start({ now: NOW, slack, retry: STANDARD_RETRY });
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(slack.delivered).toHaveLength(1);
    harness.clock.now = new Date("2026-03-10T15:10:00Z");
    await harness.bot.sender.drain();
    expect(digestsTo(harness).sort()).toEqual(["DAVA", "DKEN"]);
    expect(slack.delivered).toHaveLength(3);
  });

  it("keeps a message Slack refuses for good as failed, and goes on with the others", async () => {
    const slack = fakeSlackWithTeam().failNext("chat.postMessage", {
      status: 200,
      body: { ok: false, error: "channel_not_found" },
    });
    const harness = await start({ now: NOW, slack });
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(slack.delivered).toHaveLength(2);
    expect(await harness.bot.store.outboxStats(harness.clock.now)).toMatchObject({ depth: 0, failed: 1 });
  });

  it("sends after a restart what a crash left queued", async () => {
    const dbFile = newDbFile();
    const down = fakeSlackWithTeam().failNext("chat.postMessage", { status: 503, body: { ok: false } }, 10);
    const first = await start({ now: NOW, dbFile, slack: down, retry: STANDARD_RETRY });
    await runNudgeCycle(first.bot.cycle, "now");
    expect(down.delivered).toEqual([]);
    await stop(first);

    const up = fakeSlackWithTeam();
    const second = await start({ now: "2026-03-10T16:00:00Z", dbFile, slack: up });
    expect((await second.bot.sender.drain()).sent).toBe(3);
    expect(up.delivered.map((message) => message.channel).sort()).toEqual(["DAVA", "DKEN", "DOPS"]);
  });

  it("does not post again a message a crashed sender had already posted", async () => {
    const harness = await start({ now: NOW });
    const { store, slack } = harness.bot;
    await store.enqueue(
      { key: "digest:ava@example.com:2026-03-10", kind: "digest", channel: "UAVA", payload: { text: "hi" } },
      harness.clock.now,
    );
    // A sender leases the message, posts it, and dies before it can record the send.
    const [leased] = await store.leaseDueMessages("dead-replica", harness.clock.now, 60_000, 10);
    await slack.postMessage("UAVA", "hi", undefined, leased?.key ?? "");
    harness.clock.now = new Date("2026-03-10T15:02:00Z");
    expect((await harness.bot.sender.drain()).sent).toBe(1);
    expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(harness.slack.callsOf("conversations.history")).toHaveLength(1);
    expect(await store.getMessage("digest:ava@example.com:2026-03-10")).toMatchObject({
      status: "sent",
      messageChannel: "DAVA",
    });
  });

  it("leaves snoozed findings out of the digest", async () => {
    const harness = await start({ now: NOW });
    await harness.bot.store.snooze({
      rep: "ava@example.com",
      rule: "next-step-vague",
      recordId: "006A",
      until: "2026-03-12",
    });
    await runNudgeCycle(harness.bot.cycle, "now");
    const ava = harness.slack.callsOf("chat.postMessage").find((call) => call.params.channel === "UAVA");
    expect(ava?.params.text).toBe("Pipeline nudges for 2026-03-10: 2 things in 2 records to fix.");
    expect(JSON.stringify(ava?.params.blocks)).not.toContain("too vague");
  });
});

describe("the digest window", () => {
  it("sends each rep's digest from 09:00 to 17:00 their time on working days, checked each minute", async () => {
    // Monday 9 March 2026. 13:59Z is 09:59 in New York (EDT since Sunday) and 22:59 in Tokyo.
    const harness = await start({ now: "2026-03-09T12:59:00Z" });
    const jobs = startJobs(harness.bot.jobDeps);
    try {
      await jobs.digests.runNow(); // 08:59 in New York, 21:59 in Tokyo: nobody is due
      expect(digestsTo(harness)).toEqual([]);
      harness.clock.now = new Date("2026-03-09T13:00:00Z"); // 09:00 in New York
      await jobs.digests.runNow();
      expect(digestsTo(harness)).toEqual(["DAVA"]);
      harness.clock.now = new Date("2026-03-10T00:00:00Z"); // 09:00 Tuesday in Tokyo, 20:00 Monday in New York
      await jobs.digests.runNow();
      expect(digestsTo(harness)).toEqual(["DAVA", "DKEN"]);
      harness.clock.now = new Date("2026-03-10T08:00:00Z"); // 17:00 in Tokyo: the window has closed
      await jobs.digests.runNow();
      expect(digestsTo(harness)).toEqual(["DAVA", "DKEN"]);
    } finally {
      await jobs.stop();
    }
  });

  it("follows the rep's clock across a daylight saving change", async () => {
    // Friday 6 March, 13:30Z is 08:30 EST; Monday 9 March (after the change), 13:30Z is 09:30 EDT.
    const harness = await start({ now: "2026-03-06T13:30:00Z" });
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness).filter((channel) => channel === "DAVA")).toEqual([]);
    harness.clock.now = new Date("2026-03-09T13:30:00Z");
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness).filter((channel) => channel === "DAVA")).toEqual(["DAVA"]);
  });

  it("sends nothing at the weekend", async () => {
    // Saturday 7 March, 15:00Z is 10:00 in New York and 00:00 Sunday in Tokyo.
    const harness = await start({ now: "2026-03-07T15:00:00Z" });
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
  });
});

describe("the weekly manager digest", () => {
  it("goes to each manager once, on Monday from 09:30 their time, with their reps' scorecards", async () => {
    // Mia is in New York. Monday 9 March 2026: 13:29Z is 09:29 EDT, 13:30Z is 09:30.
    const harness = await start({ now: "2026-03-09T13:29:00Z" });
    const jobs = startJobs(harness.bot.jobDeps);
    const toMia = () =>
      harness.slack.callsOf("chat.postMessage").filter((call) => call.params.channel === "UMIA");
    try {
      await jobs.digests.runNow();
      expect(toMia()).toEqual([]);
      harness.clock.now = new Date("2026-03-09T13:30:00Z");
      await jobs.digests.runNow();
      harness.clock.now = new Date("2026-03-09T15:00:00Z");
      await jobs.digests.runNow();
      expect(toMia()).toHaveLength(1);
      const table = JSON.stringify(toMia()[0]?.params.blocks);
      expect(table).toContain("Team of Mia Manager");
      expect(table).toMatch(/Ava Okafor +70%/);
      expect(table).toContain("Ken Sato");
      expect(table).not.toContain("Cy Vance");
      harness.clock.now = new Date("2026-03-10T13:30:00Z"); // Tuesday: not the manager's day
      await jobs.digests.runNow();
      expect(toMia()).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });
});

describe("reading the CRM", () => {
  it("re-reads it for due reps it can send to, not every minute for a rep who is not in Slack", async () => {
    const csv = new CsvSource(csvFolder(TEAM));
    let reads = 0;
    const source = {
      name: "counting",
      load: () => {
        reads += 1;
        return csv.load();
      },
    };
    // Monday 9 March, 10:00 in New York: Ava and Cy are due; Cy has no Slack account.
    const harness = await start({ now: "2026-03-09T14:00:00Z", source });
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(digestsTo(harness)).toEqual(["DAVA"]);
    const readsAfterFirst = reads;
    expect(readsAfterFirst).toBe(2); // the cached read, then a fresh one before sending
    for (let minute = 1; minute <= 3; minute++) {
      harness.clock.now = new Date(Date.parse("2026-03-09T14:00:00Z") + minute * 60_000);
      await runNudgeCycle(harness.bot.cycle, "due");
    }
    expect(reads).toBe(readsAfterFirst);
  });
});
