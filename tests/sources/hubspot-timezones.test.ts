import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { createSource } from "../../src/sources/registry.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";
import { type FakeHubspot, startFakeHubspot } from "../helpers/fake-hubspot.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";
import { stockPortal } from "../helpers/hubspot-portal.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

let fake: FakeHubspot | null = null;
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  await fake?.close();
  harness = null;
  fake = null;
});

/** The bot on the stock portal, without a people file, the clock at `now`. */
async function botOnHubspot(now: string, slack: FakeSlack): Promise<Harness> {
  fake = await startFakeHubspot(stockPortal());
  const clock = { now: new Date(now) };
  const config = loadConfig({
    DATA_SOURCE: "hubspot",
    HUBSPOT_ACCESS_TOKEN: fake.token,
    HUBSPOT_API_URL: fake.url,
  });
  const source = createSource(config, {
    logger: quietLogger,
    closedWithinDays: 30,
    currency: "USD",
    currencies: {},
    clock: () => harness?.clock.now ?? clock.now,
  });
  harness = await startHarness({ now, source, slack });
  return harness;
}

const dmsTo = (slack: FakeSlack, id: string) =>
  slack.callsOf("chat.postMessage").filter((call) => call.params.channel === id);

describe("time zones of HubSpot owners", () => {
  it("come from the rep's Slack profile, else the default, without a Slack call per read", async () => {
    const slack = new FakeSlack()
      .addUser("ava@acme.test", "UAVA", "Australia/Sydney")
      .addUser("ben@acme.test", "UBEN")
      .addUser("maya@acme.test", "UMAYA", "America/New_York");
    const bot = await botOnHubspot("2026-03-10T09:00:00Z", slack);
    const reps = (await bot.bot.pipeline.current(true)).snapshot.reps;
    expect(reps.find((rep) => rep.email === "ava@acme.test")).toMatchObject({
      timezone: "Australia/Sydney",
      timezoneSource: "slack",
    });
    expect(reps.find((rep) => rep.email === "ben@acme.test")).toMatchObject({
      timezone: "UTC",
      timezoneSource: "default",
    });
    const lookups = slack.callsOf("users.lookupByEmail").length;
    await bot.bot.pipeline.current(true);
    expect(slack.callsOf("users.lookupByEmail")).toHaveLength(lookups);
  });

  it("send a rep in Sydney their digest at their 09:00, not at UTC's", async () => {
    const slack = new FakeSlack().addUser("ava@acme.test", "UAVA", "Australia/Sydney");
    const bot = await botOnHubspot("2026-03-10T09:00:00Z", slack);
    // 09:00 UTC is 20:00 in Sydney: Ava's day is over.
    await runNudgeCycle(bot.bot.cycle, "due");
    expect(dmsTo(slack, "UAVA")).toHaveLength(0);
    // 21:59 UTC is 08:59 on Wednesday in Sydney (AEDT, UTC+11): not yet.
    bot.clock.now = new Date("2026-03-10T21:59:00Z");
    await runNudgeCycle(bot.bot.cycle, "due");
    expect(dmsTo(slack, "UAVA")).toHaveLength(0);
    bot.clock.now = new Date("2026-03-10T22:00:00Z");
    await runNudgeCycle(bot.bot.cycle, "due");
    expect(dmsTo(slack, "UAVA")).toHaveLength(1);
  });
});
