// Benchmark: a simulated working day against a stand-in HubSpot portal. 500 reps across 12 time
// zones (from their Slack profiles, as HubSpot owners have none), minute by minute over 24 hours
// with the clock injected (no real waiting): the digest schedule each minute (digests due in each
// rep's local window, changes-only reads between), and a rep asking (`/nudge me`, a full read)
// every hour. Counts HubSpot requests for the day and the most in any 10 seconds, at the client.
import { queueManagerDigests } from "../src/services/manager-digests.ts";
import { runNudgeCycle } from "../src/services/nudge-cycle.ts";
import { HubspotClient } from "../src/sources/hubspot/hubspot-client.ts";
import { HubspotSource } from "../src/sources/hubspot/hubspot-source.ts";
import { mergePropertyMap } from "../src/sources/hubspot/property-map.ts";
import { startHarness } from "../tests/helpers/bot-harness.ts";
import { type FakePortal, startFakeHubspot } from "../tests/helpers/fake-hubspot.ts";
import { FakeSlack } from "../tests/helpers/fake-slack.ts";
import { quietLogger } from "../tests/helpers/quiet-logger.ts";
import { TWELVE_ZONES } from "../tests/helpers/simulate-day.ts";

export interface HubspotDay {
  requests: number;
  busiest10s: number;
  fullReads: number;
  incrementalReads: number;
  digests: number;
  slackLookups: number;
}

export async function simulateHubspotDay(portal: FakePortal, start: string): Promise<HubspotDay> {
  const fake = await startFakeHubspot(portal);
  const slack = new FakeSlack();
  portal.owners.forEach((owner, index) => {
    const zone = TWELVE_ZONES[index % TWELVE_ZONES.length] as string;
    slack.addUser(owner.email.toLowerCase(), `U${String(index).padStart(5, "0")}`, zone);
  });
  const clock = { now: new Date(start) };
  const client = new HubspotClient({
    apiUrl: fake.url,
    accessToken: fake.token,
    logger: quietLogger,
    requestsPer10s: 90,
    // Pacing waits on the simulated clock: a wait moves the day on instead of sleeping.
    now: () => clock.now.getTime(),
    sleep: async (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  });
  const source = new HubspotSource({
    client,
    propertyMap: mergePropertyMap({}),
    logger: quietLogger,
    closedWithinDays: 30,
    admins: [],
    teamManagers: {},
    currency: "USD",
    currencies: {},
    maxApiUsagePercent: 80,
    clock: () => clock.now,
  });
  const harness = await startHarness({ now: start, source, slack });
  const tick = () => {
    harness.clock.now = clock.now;
  };
  try {
    const startMs = clock.now.getTime();
    for (let minute = 0; minute < 24 * 60; minute += 1) {
      clock.now = new Date(Math.max(clock.now.getTime(), startMs + minute * 60_000));
      tick();
      // A few deals change every quarter of an hour, as reps work.
      if (minute % 15 === 0) {
        const stamp = clock.now.toISOString();
        for (let at = 0; at < 20; at += 1) {
          const deal = portal.deals[(minute * 7 + at * 131) % portal.deals.length];
          if (deal) deal.hs_lastmodifieddate = stamp;
        }
      }
      if (minute % 60 === 30) await harness.bot.pipeline.current(true);
      await runNudgeCycle(harness.bot.cycle, "due");
      await queueManagerDigests(harness.bot.jobDeps);
      tick();
    }
    return {
      requests: client.requests,
      busiest10s: client.pacer.busiest10s,
      fullReads: source.reads.full,
      incrementalReads: source.reads.incremental,
      digests: slack.callsOf("chat.postMessage").length,
      slackLookups: slack.callsOf("users.lookupByEmail").length + slack.callsOf("users.list").length,
    };
  } finally {
    await harness.stop();
    await fake.close();
  }
}
