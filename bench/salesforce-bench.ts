// Benchmark: reading 100,000 opportunities (and their accounts and users) from a stand-in Salesforce
// REST server on loopback in 2,000-record pages: requests per object, and wall time against a bare
// fetch loop over the same pages.
import { generatePipeline } from "../scripts/sample-data/generate-pipeline.ts";
import { firstCandidates, mergeFieldMap } from "../src/sources/salesforce/field-map.ts";
import { StaticTokenAuth } from "../src/sources/salesforce/salesforce-auth.ts";
import { SalesforceClient } from "../src/sources/salesforce/salesforce-client.ts";
import { SalesforceSource } from "../src/sources/salesforce/salesforce-source.ts";
import { accountsQuery, opportunitiesQuery, usersQuery } from "../src/sources/salesforce/soql.ts";
import { startFakeSalesforce } from "../tests/helpers/fake-salesforce.ts";
import { quietLogger } from "../tests/helpers/quiet-logger.ts";
import { simulateDay, teamAcrossZones } from "../tests/helpers/simulate-day.ts";
import { median, report } from "./report.ts";

const SIZE = { reps: 500, accounts: 20_000, opportunities: 100_000, seed: 5, today: "2026-03-10" };
const PAGE = 2_000;

async function bareFetchLoop(instanceUrl: string, soql: string): Promise<number> {
  let records = 0;
  let url = `${instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  for (;;) {
    const response = await fetch(url, { headers: { authorization: "Bearer 00D!token" } });
    const page = (await response.json()) as { records: unknown[]; done: boolean; nextRecordsUrl?: string };
    records += page.records.length;
    if (page.done || !page.nextRecordsUrl) return records;
    url = `${instanceUrl}${page.nextRecordsUrl}`;
  }
}

export async function salesforceBench(): Promise<void> {
  const snapshot = generatePipeline(SIZE);
  const fake = await startFakeSalesforce(snapshot, { pageSize: PAGE });
  // The handbook org is single-currency: no CurrencyIsoCode to select.
  const map = firstCandidates(mergeFieldMap({ opportunity: { currency: null } }));
  const queries = [usersQuery(map), accountsQuery(map), opportunitiesQuery(map, 30)];
  const runs = 5;
  const bare: number[] = [];
  const source: number[] = [];
  let requestsPerObject: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    const counts = await Promise.all(queries.map((soql) => bareFetchLoop(fake.url, soql)));
    bare.push(performance.now() - started);
    if (counts[2] !== SIZE.opportunities) throw new Error("bare loop lost records");

    fake.queryRequests.clear();
    const client = new SalesforceClient({
      auth: new StaticTokenAuth({ instanceUrl: fake.url, accessToken: "00D!token" }),
      apiVersion: "62.0",
      logger: quietLogger,
    });
    started = performance.now();
    const loaded = await new SalesforceSource({
      client,
      fieldMap: mergeFieldMap({}),
      logger: quietLogger,
      closedWithinDays: 30,
    }).load();
    source.push(performance.now() - started);
    if (loaded.snapshot.opportunities.length !== SIZE.opportunities) throw new Error("source lost records");
    requestsPerObject = Object.fromEntries(fake.queryRequests);
  }
  await fake.close();
  const pages = (count: number) => Math.ceil(count / PAGE);
  const ratio = median(source) / median(bare);
  report("Salesforce read, 100,000 opportunities in 2,000-record pages (stand-in REST API on loopback)", [
    [
      "requests per object",
      `User ${requestsPerObject.User}, Account ${requestsPerObject.Account}, Opportunity ${requestsPerObject.Opportunity}` +
        ` (page counts: ${pages(SIZE.reps)}, ${pages(SIZE.accounts)}, ${pages(SIZE.opportunities)})`,
    ],
    ["bare fetch loop, median of 5", `${median(bare).toFixed(0)} ms`],
    ["SalesforceSource.load (fetch + map), median of 5", `${median(source).toFixed(0)} ms`],
    ["ratio", `${ratio.toFixed(2)}× (target ≤ 1.5×)`],
  ]);
  // A full read once the org is described: the three objects' queries and their pages.
  const full =
    (requestsPerObject.User ?? 0) + (requestsPerObject.Account ?? 0) + (requestsPerObject.Opportunity ?? 0);
  await salesforceDayBench(full);
}

/**
 * Requests to the org in a simulated day (500 reps across twelve timezones, the scheduler every
 * minute, clock injected): as the bot read before (every minute's schedules re-read everything
 * once five minutes old) and now, on a working day and on a Sunday.
 */
export async function salesforceDayBench(fullReadRequestsAt100k: number): Promise<void> {
  const team = teamAcrossZones({ reps: 500, accounts: 600, opportunities: 1_200 });
  const before = await simulateDay(team, { start: "2026-03-10T00:00:00Z", mode: "before" });
  const tuesday = await simulateDay(team, { start: "2026-03-10T00:00:00Z" });
  const sunday = await simulateDay(team, { start: "2026-03-08T00:00:00Z" });
  const at100k = (full: number, incremental: number) => full * fullReadRequestsAt100k + incremental * 3;
  const line = (day: Awaited<ReturnType<typeof simulateDay>>) =>
    `${day.fullReads} full reads, ${day.incrementalReads} reads of changes, ${day.requests} requests` +
    ` (≈ ${at100k(day.fullReads, day.incrementalReads).toLocaleString("en-US")} at 100,000 opportunities)`;
  report(
    "Salesforce reads per day, 500 reps in 12 timezones, 1,200 opportunities (stand-in, clock injected)",
    [
      ["before: Tuesday", line(before)],
      ["now: Tuesday", `${line(tuesday)}; ${tuesday.messagesSent} Slack messages sent`],
      ["now: Sunday", `${line(sunday)}; minutes with a request: ${sunday.busyMinutes.join(", ")}`],
      ["full read at 100,000 opportunities", `${fullReadRequestsAt100k} requests (a read of changes: 3)`],
    ],
  );
}
