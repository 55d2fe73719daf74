// Days off end to end: the real bot, its jobs and store, a pipeline read from memory with the
// reps' countries and working days, and the fake Slack counting what reaches each rep.
import { afterEach, describe, expect, it } from "vitest";
import { queueManagerDigests } from "../../src/services/manager-digests.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";
import { memorySource, quietTeam as team } from "../helpers/memory-source.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

const dmsTo = (h: Harness, channel: string, kind: string) =>
  h.slack.delivered.filter(
    (message) => message.channel === channel && JSON.stringify(message.metadata).includes(`"${kind}:`),
  ).length;

async function everyMinute(h: Harness, from: string, minutes: number, step = 30) {
  for (let minute = 0; minute < minutes; minute += step) {
    h.clock.now = new Date(new Date(from).getTime() + minute * 60_000);
    await runNudgeCycle(h.bot.cycle, "due");
  }
}

describe("public holidays and working days", () => {
  it("no digest reaches a US rep on Thanksgiving; it comes the next working day, once", async () => {
    harness = await startHarness({ now: "2026-11-26T13:00:00Z", source: memorySource(team()) });
    // Thanksgiving, 08:00 to 17:00 in New York, every half hour.
    await everyMinute(harness, "2026-11-26T13:00:00Z", 9 * 60);
    expect(dmsTo(harness, "DAVA", "digest")).toBe(0);
    // Even an admin's run now leaves her alone today.
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(dmsTo(harness, "DAVA", "digest")).toBe(0);
    await everyMinute(harness, "2026-11-27T13:00:00Z", 9 * 60);
    expect(dmsTo(harness, "DAVA", "digest")).toBe(1);
  });

  it("Japan's Golden Week: Ken gets nothing from Wednesday 29 April to Wednesday 6 May", async () => {
    harness = await startHarness({ now: "2026-04-29T00:00:00Z", source: memorySource(team()) });
    for (const day of ["2026-04-29", "2026-05-04", "2026-05-05", "2026-05-06"]) {
      await everyMinute(harness, `${day}T00:00:00Z`, 8 * 60, 60); // 09:00 to 17:00 in Tokyo
    }
    expect(dmsTo(harness, "DKEN", "digest")).toBe(0);
    await everyMinute(harness, "2026-05-07T00:00:00Z", 8 * 60, 60);
    expect(dmsTo(harness, "DKEN", "digest")).toBe(1);
  });

  it("a part-time rep (Mon-Thu) gets nothing on Friday and one digest on Monday", async () => {
    harness = await startHarness({
      now: "2026-03-13T15:00:00Z",
      source: memorySource(team({ workingDays: [1, 2, 3, 4] })),
    });
    await everyMinute(harness, "2026-03-13T14:00:00Z", 8 * 60);
    expect(dmsTo(harness, "DAVA", "digest")).toBe(0);
    // An admin's run now overrides the team's schedule, not a rep's own days off.
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(dmsTo(harness, "DAVA", "digest")).toBe(0);
    await everyMinute(harness, "2026-03-16T13:00:00Z", 9 * 60);
    expect(dmsTo(harness, "DAVA", "digest")).toBe(1);
  });

  it("the window follows New York's clock across the change to summer time", async () => {
    harness = await startHarness({ now: "2026-03-06T13:30:00Z", source: memorySource(team()) });
    // Friday before the change: 13:30 UTC is 08:30 EST, before the window.
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(dmsTo(harness, "DAVA", "digest")).toBe(0);
    // Monday after it: 13:30 UTC is 09:30 EDT, inside.
    harness.clock.now = new Date("2026-03-09T13:30:00Z");
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(dmsTo(harness, "DAVA", "digest")).toBe(1);
    // 21:30 UTC is 17:30 EDT: closed, nothing more either way.
    harness.clock.now = new Date("2026-03-10T21:30:00Z");
    await runNudgeCycle(harness.bot.cycle, "due");
    expect(dmsTo(harness, "DAVA", "digest")).toBe(1);
  });

  it("a company day off in the config is off for everyone whose local date it is", async () => {
    harness = await startHarness({
      now: "2026-03-10T15:00:00Z",
      source: memorySource(team()),
      yaml: "calendar:\n  daysOff: ['2026-03-10']\n",
    });
    await runNudgeCycle(harness.bot.cycle, "now");
    // It is the 10th in New York; in Tokyo it is already the 11th.
    expect(dmsTo(harness, "DAVA", "digest")).toBe(0);
    expect(dmsTo(harness, "DKEN", "digest")).toBe(1);
  });
});

describe("reminders wait for the rep's next working day", () => {
  it("a trip reminder due on Thanksgiving goes out on the Friday", async () => {
    harness = await startHarness({ now: "2026-11-20T15:00:00Z", source: memorySource(team()) });
    await harness.bot.trips.plan("ava@example.com", {
      eventName: "Re:Invent",
      startDate: "2026-11-23",
      endDate: "2026-11-25",
      travelCost: 900,
      foodAndLodgingCost: 600,
      meals: 2,
      customers: 3,
      times: 1,
      costPerMeal: 50,
      businessHoursAway: 16,
      personalHoursAway: 4,
      meetingsBooked: 5,
    });
    harness.clock.now = new Date("2026-11-26T15:00:00Z");
    expect(await harness.bot.trips.queueReminders()).toBe(0);
    harness.clock.now = new Date("2026-11-27T15:00:00Z");
    expect(await harness.bot.trips.queueReminders()).toBe(1);
  });

  it("a new hire's weekly reminder skips the holiday and comes the next working day", async () => {
    harness = await startHarness({
      now: "2026-11-26T15:00:00Z",
      source: memorySource(team({ startDate: "2026-10-01" })),
    });
    expect(await harness.bot.giveBacks.queueNewHireReminders()).toBe(0);
    harness.clock.now = new Date("2026-11-27T15:00:00Z");
    expect(await harness.bot.giveBacks.queueNewHireReminders()).toBe(1);
  });

  it("the weekly manager digest moves from Memorial Day to Tuesday, and comes once that week", async () => {
    const data = team();
    data.reps = data.reps.map((rep) => (rep.role === "manager" ? { ...rep, country: "US" } : rep));
    harness = await startHarness({ now: "2026-05-25T14:00:00Z", source: memorySource(data) });
    const deps = harness.bot.jobDeps;
    expect(await queueManagerDigests(deps)).toBe(0); // Monday 10:00 in New York, a holiday
    harness.clock.now = new Date("2026-05-26T13:10:00Z"); // Tuesday 09:10
    expect(await queueManagerDigests(deps)).toBe(1);
    harness.clock.now = new Date("2026-05-27T13:40:00Z"); // Wednesday
    expect(await queueManagerDigests(deps)).toBe(0);
    harness.clock.now = new Date("2026-06-01T13:40:00Z"); // next Monday, 09:40
    expect(await queueManagerDigests(deps)).toBe(1);
  });
});
