import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { WriteBackError } from "../../src/errors.ts";
import { scanPipeline } from "../../src/services/scan-pipeline.ts";
import { HubspotClient } from "../../src/sources/hubspot/hubspot-client.ts";
import { HubspotSource } from "../../src/sources/hubspot/hubspot-source.ts";
import { mergePropertyMap } from "../../src/sources/hubspot/property-map.ts";
import { type FakeHubspot, type FakePortal, startFakeHubspot } from "../helpers/fake-hubspot.ts";
import { stockPortal } from "../helpers/hubspot-portal.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

const NOW = new Date("2026-03-10T15:00:00Z");
let fake: FakeHubspot | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function sourceFor(server: FakeHubspot, options: { token?: string; sleeps?: number[] } = {}) {
  const client = new HubspotClient({
    apiUrl: server.url,
    accessToken: options.token ?? server.token,
    logger: quietLogger,
    requestsPer10s: 90,
    searchesPerSecond: 1_000,
    retries: 2,
    backoffMs: 1,
    sleep: async (ms) => {
      options.sleeps?.push(ms);
    },
  });
  const source = new HubspotSource({
    client,
    propertyMap: mergePropertyMap({}),
    logger: quietLogger,
    closedWithinDays: 30,
    admins: [],
    teamManagers: { East: "maya@acme.test" },
    currency: "USD",
    currencies: {},
    maxApiUsagePercent: 80,
    clock: () => NOW,
  });
  return { client, source };
}

const scan = (source: HubspotSource) =>
  scanPipeline({
    source,
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
    now: NOW,
    logger: quietLogger,
  });

describe("HubSpot source on a stock portal", () => {
  it("reads deals with stage labels, companies, owners as reps, links and the portal's conversion", async () => {
    fake = await startFakeHubspot(stockPortal());
    const { source } = sourceFor(fake);
    const result = await scan(source);
    const opps = new Map(result.snapshot.opportunities.map((opp) => [opp.id, opp]));
    expect([...opps.keys()].sort()).toEqual(["101", "102", "103"]);
    expect(opps.get("101")).toMatchObject({
      stage: "Appointment Scheduled",
      ownerEmail: "ava@acme.test",
      accountId: "501",
      nextStepDate: "2026-03-12",
      closeDate: "2026-04-30",
      url: "https://app.hubspot.com/contacts/4455667/record/0-3/101",
    });
    expect(opps.get("102")).toMatchObject({ stage: "Renewal Open", currency: "EUR", accountId: "502" });
    expect(opps.get("103")).toMatchObject({ isClosed: true, isWon: false, stage: "Closed Lost" });
    expect(result.snapshot.rates?.rates.EUR).toBeCloseTo(9600 / 10105.26, 6);
    // Open stages later first (pipelines in their own order among equals), then closed ones.
    expect(result.snapshot.stageOrder).toEqual([
      "Contract Sent",
      "Qualified To Buy",
      "Appointment Scheduled",
      "Renewal Open",
      "Closed Won",
      "Closed Lost",
      "Renewed",
      "Churned",
    ]);
    const reps = new Map(result.snapshot.reps.map((rep) => [rep.email, rep]));
    expect(reps.get("ben@acme.test")?.managerEmail).toBe("maya@acme.test");
    expect(reps.get("maya@acme.test")?.role).toBe("manager");
    // The company's domain is its website: how support tickets find their account.
    expect(result.snapshot.accounts.map((account) => [account.id, account.tier, account.website])).toEqual([
      ["501", "1", "acme.test"],
      ["502", null, "globex.test"],
    ]);
    const messages = result.issues.map((issue) => `${issue.file}: ${issue.message}`);
    expect(messages).toContain("HubSpot deal 104: owner 99 is archived or not a rep");
    expect(messages).toContain("HubSpot deal 105: stage 9999 is in no pipeline of the portal");
    // Nothing read per deal: one search, one association batch, one company batch.
    expect(fake.requests.get("POST /crm/v3/objects/deals/search")).toBe(1);
    expect(fake.requests.get("POST /crm/v4/associations/deals/companies/batch/read")).toBe(1);
    expect(fake.requests.get("POST /crm/v3/objects/companies/batch/read")).toBe(1);
  });

  it("turns rules on and off by the portal's properties, naming the property to map", async () => {
    fake = await startFakeHubspot(stockPortal());
    const result = await scan(sourceFor(fake).source);
    const rules = new Map(result.evaluation.rules.map((state) => [state.rule, state]));
    for (const on of ["next-step-missing", "next-step-overdue", "close-date-passed", "closed-reason-missing"])
      expect(rules.get(on as never)?.on).toBe(true);
    expect(rules.get("deck-missing")).toMatchObject({ on: false });
    expect(rules.get("deck-missing")?.reason).toContain("hubspot.propertyMap.deal.deckUrl");
    const findings = [...result.evaluation.owners.values()].flatMap((owner) =>
      owner.records.flatMap((record) =>
        record.findings.map((finding) => `${finding.recordId} ${finding.rule}`),
      ),
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        "102 next-step-missing",
        "102 close-date-passed",
        "103 closed-reason-missing",
        "502 account-unranked",
      ]),
    );
  });

  it("reads more deals than one search can return, in slices by hs_object_id", async () => {
    const portal: FakePortal = { ...stockPortal(), dealCompanies: {} };
    const template = portal.deals[0] as Record<string, string | null>;
    portal.deals = Array.from({ length: 10_250 }, (_, index) => ({
      ...template,
      hs_object_id: String(1000 + index),
      dealname: `Deal ${index}`,
    }));
    fake = await startFakeHubspot(portal);
    const { source } = sourceFor(fake);
    const load = await source.load();
    expect(load.snapshot.opportunities).toHaveLength(10_250);
    const afterIds = fake.searchBodies.map(
      (body) =>
        (
          body as { filterGroups: { filters: { propertyName: string; value?: string }[] }[] }
        ).filterGroups[0]?.filters.find((filter) => filter.propertyName === "hs_object_id")?.value,
    );
    expect(new Set(afterIds)).toEqual(new Set(["0", "10999"]));
  });

  it("waits out a 429 for the interval HubSpot names, then goes on", async () => {
    fake = await startFakeHubspot(stockPortal());
    fake.rateLimitOnce("GET /crm/v3/pipelines/deals");
    const sleeps: number[] = [];
    const { source } = sourceFor(fake, { sleeps });
    const load = await source.load();
    expect(load.snapshot.opportunities).toHaveLength(3);
    expect(sleeps).toContain(1_000);
    expect(fake.requests.get("GET /crm/v3/pipelines/deals")).toBe(2);
  });

  it("retries a 5xx with backoff, and a search body stays under HubSpot's 3,000 characters", async () => {
    fake = await startFakeHubspot(stockPortal());
    fake.failOnce("POST /crm/v3/objects/deals/search");
    const sleeps: number[] = [];
    const load = await sourceFor(fake, { sleeps }).source.load();
    expect(load.snapshot.opportunities).toHaveLength(3);
    expect(sleeps).toEqual([1]);
    for (const body of fake.searchBodies) expect(JSON.stringify(body).length).toBeLessThan(3_000);
  });

  it("says which variable and scopes a refused token needs, never the token", async () => {
    fake = await startFakeHubspot(stockPortal());
    const { source } = sourceFor(fake, { token: "pat-na1-wrong-secret" });
    const error = await source.load().catch((caught: Error) => caught);
    expect(String(error)).toContain("HUBSPOT_ACCESS_TOKEN was refused");
    expect(String(error)).toContain("crm.objects.deals.read");
    expect(String(error)).not.toContain("wrong-secret");
  });

  it("names the scope the private app lacks", async () => {
    fake = await startFakeHubspot(stockPortal());
    fake.missingScope = "crm.schemas.deals.read";
    const error = await sourceFor(fake)
      .source.load()
      .catch((caught: Error) => caught);
    expect(String(error)).toContain("lacks crm.schemas.deals.read");
  });

  it("reads only what changed between full reads", async () => {
    fake = await startFakeHubspot(stockPortal());
    const { source } = sourceFor(fake);
    await source.load();
    source.preferIncremental(true);
    const second = await source.load();
    expect(second.snapshot.opportunities).toHaveLength(3);
    expect(JSON.stringify(fake.searchBodies[1])).toContain("hs_lastmodifieddate");
    expect(source.reads).toEqual({ full: 1, incremental: 1, paused: 0 });
  });
});

describe("HubSpot write-back", () => {
  it("PATCHes the next step and makes its calculated date a task on the deal", async () => {
    fake = await startFakeHubspot(stockPortal());
    const { source } = sourceFor(fake);
    const access = await source.writeAccess();
    expect(access.updateable("opportunity.nextStep")).toBe(true);
    expect(access.updateable("opportunity.nextStepDate")).toBe(true);
    expect(access.updateable("opportunity.lastActivityDate")).toBe(false);
    await source.updateRecord("opportunity", "102", {
      nextStep: "Call their CFO about pricing",
      nextStepDate: "2026-03-20",
    });
    expect(fake.patches).toEqual([
      { id: "102", properties: { hs_next_step: "Call their CFO about pricing" } },
    ]);
    expect(fake.tasks).toEqual([
      {
        properties: {
          hs_task_subject: "Call their CFO about pricing",
          hs_task_status: "NOT_STARTED",
          hs_timestamp: "2026-03-20T09:00:00.000Z",
        },
        associations: [
          { to: { id: "102" }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 216 }] },
        ],
      },
    ]);
  });

  it("shows HubSpot's validation message, next to the field it names", async () => {
    fake = await startFakeHubspot(stockPortal());
    const { source } = sourceFor(fake);
    const error = await source
      .updateRecord("opportunity", "101", { nextStep: "REJECT" })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(WriteBackError);
    expect(error.message).toBe("Next step must not be REJECT (a validation rule of the portal)");
    expect(error.field).toBe("nextStep");
  });
});
