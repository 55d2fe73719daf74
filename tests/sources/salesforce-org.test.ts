// The Salesforce source on orgs other than the handbook team's: a stock org with standard fields
// only, orgs with a few of the custom fields, multi-currency orgs. The stand-in refuses any field
// the org does not have, as Salesforce does.
import { afterEach, describe, expect, it } from "vitest";
import { formatRuleStates } from "../../src/domain/availability.ts";
import { evaluatePipeline, listFindings } from "../../src/domain/evaluate.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { mergeFieldMap } from "../../src/sources/salesforce/field-map.ts";
import { StaticTokenAuth } from "../../src/sources/salesforce/salesforce-auth.ts";
import { FAST_SALESFORCE_RETRY, SalesforceClient } from "../../src/sources/salesforce/salesforce-client.ts";
import { SalesforceSource } from "../../src/sources/salesforce/salesforce-source.ts";
import { account, NOW, opportunity, rep, snapshot } from "../helpers/builders.ts";
import {
  type FakeSalesforce,
  type FakeSalesforceOptions,
  startFakeSalesforce,
} from "../helpers/fake-salesforce.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

let fake: FakeSalesforce | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function read(
  data: Snapshot,
  options: FakeSalesforceOptions = {},
  overrides: Parameters<typeof mergeFieldMap>[0] = {},
  admins: string[] = [],
) {
  fake = await startFakeSalesforce(data, options);
  const source = new SalesforceSource({
    client: new SalesforceClient({
      auth: new StaticTokenAuth({ instanceUrl: fake.url, accessToken: "00D!token" }),
      apiVersion: "62.0",
      logger: quietLogger,
      retry: FAST_SALESFORCE_RETRY,
    }),
    fieldMap: mergeFieldMap(overrides),
    logger: quietLogger,
    closedWithinDays: 30,
    admins,
  });
  const loaded = await source.load();
  const evaluation = evaluatePipeline(loaded.snapshot, {
    now: NOW,
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
    available: loaded.available,
  });
  return { source, loaded, evaluation, findings: listFindings(evaluation) };
}

const TEAM = snapshot({
  reps: [
    rep({ email: "mia@example.com", name: "Mia Manager", managerEmail: null }),
    rep({ email: "ava@example.com", name: "Ava Okafor", managerEmail: "mia@example.com" }),
    rep({
      email: "ken@example.com",
      name: "Ken Sato",
      managerEmail: "mia@example.com",
      timezone: "Asia/Tokyo",
    }),
    rep({ email: "zoe@example.com", name: "Zoe Support", managerEmail: null }),
    rep({ email: "ops@example.com", name: "Olga Ops", managerEmail: null }),
  ],
  accounts: [
    account({ id: "001A", employees: 40 }),
    account({ id: "001K", ownerEmail: "ken@example.com", employees: 400 }),
    account({ id: "001E", name: "Globex", ownerEmail: "ken@example.com", employees: 25_000 }),
  ],
  opportunities: [
    opportunity({ id: "006A", nextStep: "tbd", howHeard: null, amount: 8_000, deckUrl: null }),
    opportunity({
      id: "006B",
      name: "Northwind Logistics - Platform Expansion",
      accountId: "001A",
      closeDate: "2026-03-01",
      lastActivityDate: "2026-01-01",
    }),
    opportunity({
      id: "006K",
      accountId: "001K",
      ownerEmail: "ken@example.com",
      amount: 8_000,
      deckUrl: null,
    }),
    opportunity({
      id: "006E",
      accountId: "001E",
      ownerEmail: "ken@example.com",
      amount: 900_000,
      howHeard: null,
    }),
  ],
});

describe("a stock org (standard fields only)", () => {
  it("reads without a single unknown field, runs every rule whose fields exist and says why the rest are off", async () => {
    const { loaded, evaluation, findings } = await read(TEAM, { org: "stock" });
    expect(formatRuleStates(evaluation.rules)).toEqual([
      "next-step-missing              on",
      "next-step-overdue              off  no field for opportunity.nextStepDate: map salesforce.fieldMap.opportunity.nextStepDate",
      "next-step-vague                on",
      "deck-missing                   off  no field for opportunity.deckUrl: map salesforce.fieldMap.opportunity.deckUrl",
      "command-plan-overview-missing  off  no field for any of opportunity.whyDoAnything, opportunity.whyNow, opportunity.whyUs, opportunity.closePlan: map salesforce.fieldMap.opportunity.whyDoAnything (or any other of them)",
      "command-plan-incomplete        off  no field for opportunity.iacv: map salesforce.fieldMap.opportunity.iacv",
      "source-missing                 on",
      "closed-reason-missing          off  no field for opportunity.closedReason: map salesforce.fieldMap.opportunity.closedReason",
      "activity-missing               on",
      "close-date-passed              on",
      "account-unranked               off  no field for account.tier: map salesforce.fieldMap.account.tier",
      "account-tier-details-missing   off  no field for account.tier: map salesforce.fieldMap.account.tier",
      "segment-mismatch               off  no field for account.segment: map salesforce.fieldMap.account.segment",
      "possible-duplicate             on",
    ]);
    expect(fake?.queries.some((soql) => /__c/.test(soql))).toBe(false);
    expect(loaded.issues).toEqual([]);
    expect(findings.map((f) => `${f.recordId} ${f.rule}`).sort()).toEqual([
      "006A next-step-vague",
      "006A source-missing",
      "006B activity-missing",
      "006B close-date-passed",
    ]);
  });

  it("reads LeadSource for how they heard, and the user's CreatedDate as start date", async () => {
    const { loaded, findings } = await read(TEAM, { org: "stock" });
    expect(findings.filter((f) => f.rule === "source-missing").map((f) => f.recordId)).toEqual(["006A"]);
    const ava = loaded.snapshot.reps.find((r) => r.email === "ava@example.com");
    expect(ava?.startDate).toBe("2024-01-15");
  });

  it("leaves Enterprise accounts out and derives the others' segment from employees", async () => {
    const { evaluation } = await read(TEAM, { org: "stock" });
    expect(evaluation.leftOut).toMatchObject({ enterpriseAccounts: 1, enterpriseOpportunities: 1 });
    const ids = [...evaluation.owners.values()].flatMap((o) => o.records.map((r) => r.record.id));
    expect(ids).not.toContain("006E");
    expect(ids).not.toContain("001E");
    // Ken's only team account has 400 employees: Mid-Market, so he is too.
    expect(evaluation.owners.get("ken@example.com")?.rep?.segment).toBe("MM");
    expect(evaluation.owners.get("ava@example.com")?.rep?.segment).toBe("SMB");
  });

  it("applies derived segments' thresholds when the deck field exists", async () => {
    const { findings } = await read(TEAM, {
      org: "stock",
      extraFields: {
        Opportunity: [
          { name: "Link_to_Custom_Pitch_Deck__c", type: "url", relationshipName: null, referenceTo: [] },
        ],
      },
    });
    // $8,000 is over SMB's $5,000 (Ava, 40 employees) and under Mid-Market's $10,000 (Ken, 400).
    expect(findings.filter((f) => f.rule === "deck-missing").map((f) => f.recordId)).toEqual(["006A"]);
  });

  it("works the roles out from the hierarchy and the config's admins", async () => {
    const { loaded } = await read(TEAM, { org: "stock" }, {}, ["ops@example.com", "UADMIN"]);
    const roles = Object.fromEntries(loaded.snapshot.reps.map((r) => [r.email, r.role]));
    // Zoe owns nothing and manages no one: not a rep.
    expect(roles).toEqual({
      "mia@example.com": "manager",
      "ava@example.com": "ae",
      "ken@example.com": "ae",
      "ops@example.com": "admin",
    });
    expect(fake?.queries.find((soql) => soql.includes("FROM User"))).toMatch(
      /WHERE IsActive = true AND UserType = 'Standard'$/,
    );
  });

  it("sorts digests by the org's own stage order, open stages first", async () => {
    const stages = ["Prospecting", "Qualification", "Negotiation/Review"];
    const data = snapshot({
      opportunities: [
        ...stages.map((stage, index) => opportunity({ id: `o${index}`, stage, howHeard: null })),
        opportunity({ id: "won", stage: "Closed Won", isClosed: true, isWon: true, closeDate: "2026-03-05" }),
      ],
    });
    const { loaded, evaluation } = await read(data, {
      org: "stock",
      stages: [...stages.map((name) => ({ name })), { name: "Closed Won", closed: true }],
    });
    expect(loaded.snapshot.stageOrder).toEqual([
      "Negotiation/Review",
      "Qualification",
      "Prospecting",
      "Closed Won",
    ]);
    const order = evaluation.owners.get("ava@example.com")?.records.map((r) => r.record.id);
    expect(order).toEqual(["o2", "o1", "o0"]);
  });
});

describe("the field map", () => {
  it("takes the first candidate the org has, and null turns a field off", async () => {
    const { evaluation } = await read(
      TEAM,
      {},
      { opportunity: { howHeard: ["Source__c", "LeadSource"], deckUrl: null } },
    );
    const off = evaluation.rules.filter((s) => !s.on).map((s) => s.rule);
    expect(off).toEqual(["deck-missing"]);
    expect(fake?.queries.find((soql) => soql.includes("FROM Opportunity "))).toContain("LeadSource");
  });

  it("reads a field of the wrong type as not mapped, with a warning naming the key", async () => {
    const { loaded, evaluation } = await read(
      TEAM,
      { org: "stock" },
      { opportunity: { amount: "Description" } },
    );
    expect(loaded.issues.map((issue) => issue.message)).toEqual([
      "salesforce.fieldMap.opportunity.amount: Opportunity.Description is a textarea field; amount needs a number. Map a field of the right type, or null. (read as not mapped)",
    ]);
    expect(loaded.available?.hint("opportunity.amount")).toBe("map salesforce.fieldMap.opportunity.amount");
    expect(evaluation.rules.find((s) => s.rule === "deck-missing")?.on).toBe(false);
  });

  it("stops with the key to fix when a field records cannot be read without is missing", async () => {
    await expect(read(TEAM, { org: "stock" }, { opportunity: { stage: "Stage__c" } })).rejects.toThrow(
      "salesforce.fieldMap.opportunity.stage: Opportunity has no field Stage__c, and nudgebot cannot read opportunities without it. Map an existing field.",
    );
  });
});

describe("a multi-currency org", () => {
  const currencyField = {
    name: "CurrencyIsoCode",
    type: "picklist",
    relationshipName: null,
    referenceTo: [],
  };
  const money: FakeSalesforceOptions = {
    extraFields: { Opportunity: [currencyField] },
    currencies: [
      { IsoCode: "USD", ConversionRate: 1, IsCorporate: true },
      { IsoCode: "EUR", ConversionRate: 0.9, IsCorporate: false },
      { IsoCode: "JPY", ConversionRate: 150, IsCorporate: false },
    ],
  };
  const deals = (...opps: Parameters<typeof opportunity>[0][]) =>
    snapshot({
      accounts: [
        account({ id: "001A", segment: "SMB" }),
        account({ id: "001M", segment: "MM", employees: 500 }),
      ],
      opportunities: opps.map((opp) => opportunity({ deckUrl: null, ...opp })),
    });

  it("compares amounts after conversion, just under and just over the thresholds", async () => {
    const { findings } = await read(
      deals(
        { id: "yen", amount: 600_000, currency: "JPY", iacv: null }, // $4,000: under SMB's $5,000
        { id: "yen-over", amount: 751_500, currency: "JPY", iacv: null }, // $5,010
        { id: "eur-under", accountId: "001M", amount: 8_999, currency: "EUR", iacv: null }, // $9,999
        { id: "eur-over", accountId: "001M", amount: 9_500, currency: "EUR", iacv: null }, // $10,556
      ),
      money,
    );
    expect(
      findings
        .filter((f) => f.rule === "deck-missing")
        .map((f) => f.recordId)
        .sort(),
    ).toEqual(["eur-over", "yen-over"]);
  });

  it("uses the dated rate for the close date when the org has dated rates", async () => {
    const { findings } = await read(
      deals(
        {
          id: "march",
          accountId: "001M",
          amount: 9_500,
          currency: "EUR",
          closeDate: "2026-03-31",
          iacv: null,
        },
        {
          id: "april",
          accountId: "001M",
          amount: 9_500,
          currency: "EUR",
          closeDate: "2026-04-15",
          iacv: null,
        },
      ),
      {
        ...money,
        datedRates: [
          { IsoCode: "EUR", ConversionRate: 0.9, StartDate: "2026-01-01", NextStartDate: "2026-04-01" },
          { IsoCode: "EUR", ConversionRate: 0.96, StartDate: "2026-04-01", NextStartDate: null },
        ],
      },
    );
    // March: €9,500 / 0.9 = $10,556 (over $10,000); April: / 0.96 = $9,896 (under).
    expect(findings.filter((f) => f.rule === "deck-missing").map((f) => f.recordId)).toEqual(["march"]);
  });

  it("leaves out and counts a record in a currency the org has no rate for", async () => {
    const { evaluation } = await read(
      deals({ id: "chf", amount: 50_000, currency: "CHF", howHeard: null }, { id: "usd", currency: "USD" }),
      money,
    );
    expect(evaluation.leftOut.noRate).toEqual({ CHF: 1 });
    const ids = [...evaluation.owners.values()].flatMap((o) => o.records.map((r) => r.record.id));
    expect(ids).not.toContain("chf");
  });
});

describe("a field map in the config", () => {
  it("refuses a path that is not a field name, naming the key", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadConfig } = await import("../../src/config/load-config.ts");
    const file = join(mkdtempSync(join(tmpdir(), "nudgebot-map-")), "nudgebot.yml");
    writeFileSync(
      file,
      "salesforce:\n  fieldMap:\n    opportunity:\n      deckUrl: null\n      howHeard: [Source__c, LeadSource]\n      amount: Amount; DELETE\n",
    );
    expect(() => loadConfig({ NUDGEBOT_CONFIG: file })).toThrow(
      `${file}: salesforce.fieldMap.opportunity.amount: expected a Salesforce field name or path such as Amount or Owner.Email`,
    );
    writeFileSync(
      file,
      "salesforce:\n  fieldMap:\n    opportunity:\n      deckUrl: null\n      howHeard: [Source__c, LeadSource]\n",
    );
    expect(loadConfig({ NUDGEBOT_CONFIG: file }).salesforce.fieldMap.opportunity).toMatchObject({
      deckUrl: [],
      howHeard: ["Source__c", "LeadSource"],
    });
  });
});

describe("reading only what changed", () => {
  it("asks for records changed since the last read and merges them in", async () => {
    const { source, loaded } = await read(TEAM);
    expect(loaded.snapshot.opportunities.find((o) => o.id === "006B")?.nextStep).not.toBe(
      "Book the security review",
    );
    const changed = fake?.records.Opportunity.find((record) => record.Id === "006B");
    Object.assign(changed ?? {}, {
      NextStep: "Book the security review",
      SystemModstamp: "2099-01-01T00:00:00.000+0000",
    });
    source.preferIncremental(true);
    const refreshed = await source.load();
    const query = fake?.queries.filter((soql) => soql.includes("FROM Opportunity ")).at(-1) ?? "";
    expect(query).toMatch(/AND SystemModstamp > \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(refreshed.snapshot.opportunities).toHaveLength(loaded.snapshot.opportunities.length);
    expect(refreshed.snapshot.opportunities.find((o) => o.id === "006B")?.nextStep).toBe(
      "Book the security review",
    );
    expect(source.reads).toEqual({ full: 1, incremental: 1, paused: 0 });
    // A read someone asks for is a full one.
    source.preferIncremental(false);
    await source.load();
    expect(source.reads.full).toBe(2);
  });
});

describe("an account's website", () => {
  const data = snapshot({
    reps: [rep()],
    accounts: [account({ id: "001A", website: "https://www.northwind.example/en/" })],
    opportunities: [opportunity({ id: "006A" })],
  });

  it("is read from Account.Website when the org has it", async () => {
    const { loaded } = await read(data, {
      extraFields: {
        Account: [
          { name: "Website", type: "url", relationshipName: null, referenceTo: [], updateable: true },
        ],
      },
    });
    expect(loaded.snapshot.accounts.map((a) => [a.id, a.website])).toEqual([
      ["001A", "https://www.northwind.example/en/"],
    ]);
    expect(fake?.queries.find((soql) => soql.includes("FROM Account"))).toContain("Website");
  });

  it("is simply absent, and the read goes on, when the org's field map lacks it", async () => {
    const { loaded } = await read(data);
    expect(loaded.issues).toEqual([]);
    expect(loaded.snapshot.accounts.map((a) => [a.id, a.website])).toEqual([["001A", undefined]]);
    expect(fake?.queries.find((soql) => soql.includes("FROM Account"))).not.toContain("Website");
  });
});
