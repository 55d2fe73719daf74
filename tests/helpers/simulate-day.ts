// A day of the bot against the Salesforce stand-in, minute by minute with the clock injected (no
// waiting): the digest schedule's cycle each minute, as the digests job runs it, counting what the
// CRM is asked. For the API budget test and the benchmark.
import { generatePipeline } from "../../scripts/sample-data/generate-pipeline.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import { queueManagerDigests } from "../../src/services/manager-digests.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { mergeFieldMap } from "../../src/sources/salesforce/field-map.ts";
import { StaticTokenAuth } from "../../src/sources/salesforce/salesforce-auth.ts";
import { FAST_SALESFORCE_RETRY, SalesforceClient } from "../../src/sources/salesforce/salesforce-client.ts";
import { SalesforceSource } from "../../src/sources/salesforce/salesforce-source.ts";
import { startHarness, USERS } from "./bot-harness.ts";
import { type FakeSalesforce, type FakeSalesforceOptions, startFakeSalesforce } from "./fake-salesforce.ts";
import { FakeSlack } from "./fake-slack.ts";
import { quietLogger } from "./quiet-logger.ts";

export const TWELVE_ZONES = [
  "Pacific/Honolulu",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
];

/** A 500-rep team spread over twelve timezones. */
export function teamAcrossZones(size = { reps: 500, accounts: 2_000, opportunities: 5_000 }): Snapshot {
  const snapshot = generatePipeline({ ...size, seed: 9, today: "2026-03-10" });
  return {
    ...snapshot,
    reps: snapshot.reps.map((rep, index) => ({
      ...rep,
      timezone: TWELVE_ZONES[index % TWELVE_ZONES.length] as string,
    })),
  };
}

export interface DayCounts {
  /** Requests to the org (describe, queries and pages, limits). */
  requests: number;
  fullReads: number;
  incrementalReads: number;
  pausedReads: number;
  /** Minute of the day (UTC) of every request, to show when the org was read. */
  busyMinutes: number[];
  /** Slack messages delivered (digests and notices). */
  messagesSent: number;
  /** DMs telling admins that reads are paused. */
  budgetNotices: number;
}

export interface DayOptions {
  /** The first minute, e.g. 2026-03-10T00:00:00Z. */
  start: string;
  minutes?: number;
  salesforce?: FakeSalesforceOptions;
  /** "before": each minute's schedule reads whatever the cache has let go stale, as the bot did before. */
  mode?: "now" | "before";
  /** Something to do at a minute (edit a record, raise API usage), given the stand-in. */
  at?: Record<number, (fake: FakeSalesforce) => void>;
}

export async function simulateDay(snapshot: Snapshot, options: DayOptions): Promise<DayCounts> {
  const fake = await startFakeSalesforce(snapshot, options.salesforce);
  const slack = new FakeSlack();
  for (const [email, id] of Object.entries(USERS)) slack.addUser(email, id);
  snapshot.reps.forEach((rep, index) => {
    slack.addUser(rep.email, `U${String(index).padStart(5, "0")}`);
  });
  const clock = { now: new Date(options.start) };
  const source = new SalesforceSource({
    client: new SalesforceClient({
      auth: new StaticTokenAuth({ instanceUrl: fake.url, accessToken: "00D!token" }),
      apiVersion: "62.0",
      logger: quietLogger,
      retry: FAST_SALESFORCE_RETRY,
    }),
    fieldMap: mergeFieldMap({}),
    logger: quietLogger,
    closedWithinDays: 30,
    clock: () => new Date(clock.now),
  });
  const harness = await startHarness({ now: options.start, source, slack });
  const counts: DayCounts = {
    requests: 0,
    fullReads: 0,
    incrementalReads: 0,
    pausedReads: 0,
    busyMinutes: [],
    messagesSent: 0,
    budgetNotices: 0,
  };
  try {
    const minutes = options.minutes ?? 24 * 60;
    const startMs = clock.now.getTime();
    for (let minute = 0; minute < minutes; minute++) {
      clock.now = new Date(startMs + minute * 60_000);
      harness.clock.now = clock.now;
      options.at?.[minute]?.(fake);
      const before = fake.requests;
      if (options.mode === "before") {
        // What every minute's schedule did before: whatever asked the cache read it again once
        // five minutes old, day and night.
        await harness.bot.pipeline.current();
      } else {
        await runNudgeCycle(harness.bot.cycle, "due");
        await queueManagerDigests(harness.bot.jobDeps);
      }
      if (fake.requests > before) counts.busyMinutes.push(minute);
    }
    counts.requests = fake.requests;
    counts.fullReads = source.reads.full;
    counts.incrementalReads = source.reads.incremental;
    counts.pausedReads = source.reads.paused;
    counts.messagesSent = slack.delivered.length;
    counts.budgetNotices = slack
      .callsOf("chat.postMessage")
      .filter((call) => String(call.params.text).startsWith("Salesforce reads paused")).length;
    return counts;
  } finally {
    await harness.stop();
    await fake.close();
  }
}
