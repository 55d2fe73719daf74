// Benchmark: a full read of 100,000 deals (and their 20,000 companies and 500 owners) from a
// stand-in HubSpot API on loopback: requests for the read (none per deal), the least time HubSpot's
// limits allow for them, and wall time of the source (fetch + map) against a bare fetch loop over
// the same requests, with pacing lifted so the comparison measures nudgebot's own work.
import { HubspotClient } from "../src/sources/hubspot/hubspot-client.ts";
import { HubspotSource } from "../src/sources/hubspot/hubspot-source.ts";
import { mergePropertyMap } from "../src/sources/hubspot/property-map.ts";
import { type FakePortal, startFakeHubspot } from "../tests/helpers/fake-hubspot.ts";
import { stockPortal } from "../tests/helpers/hubspot-portal.ts";
import { quietLogger } from "../tests/helpers/quiet-logger.ts";
import { simulateHubspotDay } from "./hubspot-day.ts";
import { median, report } from "./report.ts";

const DEALS = 100_000;
const COMPANIES = 20_000;
const OWNERS = 500;
const NOW = new Date("2026-03-10T15:00:00Z");

function bigPortal(DEALS = 100_000, COMPANIES = 20_000): FakePortal {
  const stock = stockPortal();
  const template = stock.deals[0] as Record<string, string | null>;
  const stages = ["appointmentscheduled", "qualifiedtobuy", "contractsent", "1001"];
  const portal: FakePortal = {
    ...stock,
    owners: Array.from({ length: OWNERS }, (_, index) => ({
      id: String(100 + index),
      email: `rep${index}@acme.test`,
      firstName: "Rep",
      lastName: String(index),
      teams: [{ id: "1", name: "East", primary: true }],
    })),
    companies: Array.from({ length: COMPANIES }, (_, index) => ({
      hs_object_id: String(500_000 + index),
      name: `Company ${index}`,
      domain: null,
      numberofemployees: String(10 + (index % 500)),
      hubspot_owner_id: String(100 + (index % OWNERS)),
      hs_ideal_customer_profile: index % 3 === 0 ? null : "tier_2",
    })),
    deals: [],
    dealCompanies: {},
  };
  for (let index = 0; index < DEALS; index += 1) {
    const id = String(1_000_000 + index);
    portal.deals.push({
      ...template,
      hs_object_id: id,
      dealname: `Deal ${index}`,
      dealstage: stages[index % stages.length] as string,
      amount: String(1_000 + (index % 40) * 500),
      hubspot_owner_id: String(100 + (index % OWNERS)),
      hs_next_step: index % 4 === 0 ? null : "Send the proposal to their CFO",
    });
    portal.dealCompanies[id] = [String(500_000 + (index % COMPANIES))];
  }
  return portal;
}

function client(url: string, token: string, paced: boolean): HubspotClient {
  return new HubspotClient({
    apiUrl: url,
    accessToken: token,
    logger: quietLogger,
    requestsPer10s: paced ? 90 : 1_000_000,
    searchesPerSecond: paced ? 4 : 1_000_000,
  });
}

/** The same requests as a full read, without mapping: what any client must at least do. */
async function bareRead(http: HubspotClient, properties: string[]): Promise<number> {
  const deals = await http.list<{ id: string }>("/crm/v3/owners?archived=false", "owners").then(async () => {
    const ids: string[] = [];
    let afterId = "0";
    for (;;) {
      const body = {
        filterGroups: [{ filters: [{ propertyName: "hs_object_id", operator: "GT", value: afterId }] }],
        sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" as const }],
        properties,
        limit: 200,
      };
      const slice = await http.search<{ id: string }>("deals", body, "deals");
      ids.push(...slice.results.map((deal) => deal.id));
      const last = slice.results.at(-1);
      if (!last || slice.total <= slice.results.length) return ids;
      afterId = last.id;
    }
  });
  for (let start = 0; start < deals.length; start += 1_000) {
    const inputs = deals.slice(start, start + 1_000).map((id) => ({ id }));
    await http.post("/crm/v4/associations/deals/companies/batch/read", { inputs }, "associations");
  }
  for (let start = 0; start < COMPANIES; start += 100) {
    const inputs = Array.from({ length: 100 }, (_, index) => ({ id: String(500_000 + start + index) }));
    await http.post("/crm/v3/objects/companies/batch/read", { properties: ["name"], inputs }, "companies");
  }
  return deals.length;
}

export async function hubspotBench(): Promise<void> {
  const fake = await startFakeHubspot(bigPortal());
  const properties = Object.values(mergePropertyMap({}).deal).flatMap((paths) => paths.slice(0, 1));
  const bare: number[] = [];
  const source: number[] = [];
  let requests = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const read = await bareRead(client(fake.url, fake.token, false), properties);
    bare.push(performance.now() - started);
    if (read !== DEALS) throw new Error(`bare loop read ${read} deals`);
    const http = client(fake.url, fake.token, false);
    const hubspot = new HubspotSource({
      client: http,
      propertyMap: mergePropertyMap({}),
      logger: quietLogger,
      closedWithinDays: 30,
      admins: [],
      teamManagers: {},
      currency: "USD",
      currencies: {},
      maxApiUsagePercent: 80,
      clock: () => NOW,
    });
    await hubspot.portal();
    const before = http.requests;
    const timed = performance.now();
    const load = await hubspot.load();
    source.push(performance.now() - timed);
    requests = http.requests - before;
    if (load.snapshot.opportunities.length !== DEALS) throw new Error("source lost deals");
  }
  await fake.close();
  const ratio = median(source) / median(bare);
  report("HubSpot read, 100,000 deals, 20,000 companies, 500 owners (stand-in API on loopback)", [
    [
      "requests for a full read",
      `${requests} (searches of 200, association batches of 1,000, company batches of 100)`,
    ],
    ["least time HubSpot's limits allow", `${Math.ceil(requests / 90) * 10} s at 90 requests per 10 s`],
    ["bare fetch loop, median of 3", `${median(bare).toFixed(0)} ms`],
    ["HubspotSource.load (fetch + map), median of 3", `${median(source).toFixed(0)} ms`],
    ["ratio", `${ratio.toFixed(2)}× (target ≤ 1.5×)`],
  ]);
  await hubspotDayBench();
}

/** 500 reps across 12 time zones over a simulated day, on a 5,000-deal portal. */
export async function hubspotDayBench(): Promise<void> {
  const day = await simulateHubspotDay(bigPortal(5_000, 2_000), "2026-03-10T00:00:00Z");
  report("HubSpot, a simulated day: 500 reps in 12 time zones, 5,000 deals (clock injected)", [
    ["requests in the day", String(day.requests)],
    ["most requests in any 10 s", `${day.busiest10s} (target ≤ 100; hubspot.requestsPer10s 90)`],
    ["full reads / changes-only reads", `${day.fullReads} / ${day.incrementalReads}`],
    ["Slack messages sent", String(day.digests)],
    ["Slack user look-ups (time zones included)", String(day.slackLookups)],
  ]);
}
