// How often the bot reads Salesforce: a day of a 500-rep team across twelve timezones against the
// stand-in, minute by minute, clock injected.
import { describe, expect, it } from "vitest";
import { FIXTURE_MODSTAMP } from "../helpers/salesforce-fixtures.ts";
import { simulateDay, teamAcrossZones } from "../helpers/simulate-day.ts";

// 500 reps in twelve timezones; few records each, so a simulated day takes seconds.
const TEAM = teamAcrossZones({ reps: 500, accounts: 600, opportunities: 1_200 });

describe("reading Salesforce only when someone may be due", () => {
  it("reads nothing on a Sunday when no one's window opens, after the first read", {
    timeout: 120_000,
  }, async () => {
    const day = await simulateDay(TEAM, { start: "2026-03-08T00:00:00Z" });
    expect(day.busyMinutes).toEqual([0]);
    expect(day.fullReads).toBe(1);
    expect(day.incrementalReads).toBe(0);
    expect(day.messagesSent).toBe(0);
  });

  it("on a working day reads in full before digests go out and only changes in between", {
    timeout: 120_000,
  }, async () => {
    const day = await simulateDay(TEAM, { start: "2026-03-10T00:00:00Z" });
    // Every rep with findings got today's digest.
    expect(day.messagesSent).toBeGreaterThan(240);
    // A full read when a timezone's window opens (and the first one): not one every 6 minutes.
    expect(day.fullReads).toBeLessThanOrEqual(14);
    // Changes at most every 15 minutes, and only while someone is still due.
    expect(day.incrementalReads).toBeLessThanOrEqual(24 * 4);
    // Before, the minute-by-minute schedules re-read everything once 5 minutes old: 240 full reads
    // of 3 requests each at this size (the benchmark measures it).
    expect(day.requests).toBeLessThan(240 * 3 * 0.5);
  });
});

describe("the usage pause", () => {
  it("stops reading above maxApiUsagePercent, tells admins once, and resumes when usage falls", {
    timeout: 120_000,
  }, async () => {
    const day = await simulateDay(TEAM, {
      start: "2026-03-10T00:00:00Z",
      minutes: 6 * 60,
      salesforce: { apiLimit: { used: 100, max: 15_000 } },
      at: {
        60: (fake) => {
          fake.apiUsage.used = 13_000; // 87%, over the default 80%
        },
        180: (fake) => {
          fake.apiUsage.used = 2_000;
          for (const record of fake.records.Opportunity.slice(0, 3))
            record.SystemModstamp = FIXTURE_MODSTAMP.replace("2026-03-01", "2026-03-10");
        },
      },
    });
    expect(day.pausedReads).toBeGreaterThan(0);
    expect(day.budgetNotices).toBe(1);
    // While paused only the limits probe every 15 minutes: nothing else.
    const pausedMinutes = day.busyMinutes.filter((minute) => minute > 62 && minute < 180);
    expect(pausedMinutes.length).toBeLessThanOrEqual(8);
    // Usage fell at 03:00: reads resume within the next probe.
    expect(day.busyMinutes.filter((minute) => minute > 200).length).toBeGreaterThan(3);
  });
});
