import { exportPKCS8, generateKeyPair } from "jose";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { evaluatePipeline, listFindings } from "../../src/domain/evaluate.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { WriteBackError } from "../../src/errors.ts";
import { mergeFieldMap } from "../../src/sources/salesforce/field-map.ts";
import {
  JwtBearerAuth,
  type SessionProvider,
  StaticTokenAuth,
} from "../../src/sources/salesforce/salesforce-auth.ts";
import { FAST_SALESFORCE_RETRY, SalesforceClient } from "../../src/sources/salesforce/salesforce-client.ts";
import { SalesforceSource } from "../../src/sources/salesforce/salesforce-source.ts";
import { opportunitiesQuery, soqlString } from "../../src/sources/salesforce/soql.ts";
import { SAMPLE_NOW, sampleSource } from "../../src/sources/sample/sample-source.ts";
import { TEAM } from "../helpers/bot-harness.ts";
import { type FakeSalesforce, startFakeSalesforce } from "../helpers/fake-salesforce.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";
import { HANDBOOK_FIELDS, queryPages, snapshotToSalesforce } from "../helpers/salesforce-fixtures.ts";

const LOGIN = "https://login.salesforce.test";
const INSTANCE = "https://acme.my.salesforce.test";
const API = "/services/data/v62.0";
let privateKey = "";

beforeAll(async () => {
  const { privateKey: key } = await generateKeyPair("RS256", { extractable: true });
  privateKey = await exportPKCS8(key);
});
let fake: FakeSalesforce | null = null;
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await fake?.close();
  fake = null;
});

function sourceFor(
  server: FakeSalesforce,
  overrides: Parameters<typeof mergeFieldMap>[0] = {},
  admins: string[] = [],
) {
  return new SalesforceSource({
    client: new SalesforceClient({
      auth: new StaticTokenAuth({ instanceUrl: server.url, accessToken: "00D!token" }),
      apiVersion: "62.0",
      logger: quietLogger,
      retry: FAST_SALESFORCE_RETRY,
    }),
    fieldMap: mergeFieldMap(overrides),
    logger: quietLogger,
    closedWithinDays: 30,
    admins,
  });
}

function jwtAuth() {
  return new JwtBearerAuth({
    loginUrl: LOGIN,
    clientId: "3MVG9-client",
    username: "nudgebot@acme.test",
    privateKey,
  });
}

function client(auth: SessionProvider = jwtAuth()) {
  return new SalesforceClient({
    auth,
    apiVersion: "62.0",
    logger: quietLogger,
    retry: FAST_SALESFORCE_RETRY,
  });
}

function decodeJwt(assertion: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString());
}

function tokenOk(scope = nock(LOGIN)) {
  return scope
    .post("/services/oauth2/token")
    .reply(200, { access_token: "00Dxx!token", instance_url: INSTANCE, token_type: "Bearer" });
}

describe("logging in with the JWT bearer flow", () => {
  it("posts an RS256 assertion with iss, sub, aud and a short exp", async () => {
    nock.disableNetConnect();
    let body = "";
    const scope = nock(LOGIN)
      .post("/services/oauth2/token", (sent) => {
        body = new URLSearchParams(sent as unknown as string).toString() || String(sent);
        return true;
      })
      .reply(200, { access_token: "00Dxx!token", instance_url: INSTANCE });
    const session = await jwtAuth().session();
    scope.done();
    expect(session).toEqual({ instanceUrl: INSTANCE, accessToken: "00Dxx!token" });
    const params = new URLSearchParams(body);
    expect(params.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const claims = decodeJwt(params.get("assertion") ?? "");
    expect(claims).toMatchObject({ iss: "3MVG9-client", sub: "nudgebot@acme.test", aud: LOGIN });
    expect(Number(claims.exp) - Date.now() / 1000).toBeLessThanOrEqual(180);
    const header = JSON.parse(
      Buffer.from((params.get("assertion") ?? "").split(".")[0] ?? "", "base64url").toString(),
    );
    expect(header.alg).toBe("RS256");
  });

  it("explains invalid_grant in one line that names what to check", async () => {
    nock(LOGIN)
      .post("/services/oauth2/token")
      .reply(400, { error: "invalid_grant", error_description: "user hasn't approved this consumer" });
    await expect(jwtAuth().session()).rejects.toThrow(
      /^Salesforce refused the login \(invalid_grant: user hasn't approved this consumer\)\. Check SALESFORCE_USERNAME, SALESFORCE_CLIENT_ID/,
    );
  });

  it("says a key that is not PKCS#8 PEM is the problem", async () => {
    const auth = new JwtBearerAuth({
      loginUrl: LOGIN,
      clientId: "c",
      username: "u",
      privateKey: "not a key",
    });
    await expect(auth.session()).rejects.toThrow(/SALESFORCE_PRIVATE_KEY is not a PEM private key/);
  });
});

describe("reading the pipeline", () => {
  it("gives the same findings as the equivalent CSV folder, one query per object, pages followed", async () => {
    const { snapshot } = await sampleSource().load();
    fake = await startFakeSalesforce(snapshot);
    const source = sourceFor(fake);
    const loaded = await source.load();
    expect(Object.fromEntries(fake.queryRequests)).toEqual({
      User: 1,
      Account: 1,
      Opportunity: 2,
      OpportunityStage: 1,
    });
    expect(fake.describeRequests).toBe(3);
    expect(source.client.lastLimitInfo).toMatch(/^api-usage=\d+\/15000$/);
    expect(loaded.issues).toEqual([]);
    expect(loaded.snapshot.opportunities[0]?.url).toBe(
      `${fake.url}/lightning/r/Opportunity/${snapshot.opportunities[0]?.id}/view`,
    );

    const options = { now: SAMPLE_NOW, settings: DEFAULT_RULE_SETTINGS, defaultTimezone: "UTC" };
    const fromSalesforce = listFindings(
      evaluatePipeline(loaded.snapshot, { ...options, available: loaded.available }),
    );
    const fromCsv = listFindings(evaluatePipeline(snapshot, options));
    expect(fromSalesforce.length).toBeGreaterThan(500);
    expect(fromSalesforce).toEqual(fromCsv);

    // Described once per process: a second read asks for the records only.
    await source.load();
    expect(fake.describeRequests).toBe(3);
    expect(fake.queryRequests.get("OpportunityStage")).toBe(1);
  });

  it("logs in again once when the session expires mid-scan, and carries on", async () => {
    const pages = queryPages(
      snapshotToSalesforce((await sampleSource().load()).snapshot).opportunities,
      1_000,
      "o",
    );
    tokenOk();
    tokenOk();
    nock(INSTANCE)
      .get(`${API}/query`)
      .query(true)
      .reply(200, pages[0])
      .get(pages[0]?.nextRecordsUrl as string)
      .reply(401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }])
      .get(pages[0]?.nextRecordsUrl as string)
      .reply(200, pages[1])
      .get(pages[1]?.nextRecordsUrl as string)
      .reply(200, pages[2]);
    const records = await client().query("SELECT Id FROM Opportunity", "reading opportunities");
    expect(records).toHaveLength(2_500);
    expect(nock.isDone()).toBe(true);
  });

  it("retries a 503 and a dropped connection", async () => {
    tokenOk();
    nock(INSTANCE)
      .get(`${API}/query`)
      .query(true)
      .reply(503, "Service Unavailable")
      .get(`${API}/query`)
      .query(true)
      .replyWithError("socket hang up")
      .get(`${API}/query`)
      .query(true)
      .reply(200, { totalSize: 0, done: true, records: [] });
    expect(await client().query("SELECT Id FROM User", "reading users")).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it("names the field to fix for INVALID_FIELD, and explains MALFORMED_QUERY", async () => {
    tokenOk();
    nock(INSTANCE)
      .get(`${API}/query`)
      .query(true)
      .reply(400, [
        {
          message:
            "\nSELECT Id, IACV__c FROM Opportunity\n ^\nERROR at Row:1:Column:12\nNo such column 'IACV__c' on entity 'Opportunity'.",
          errorCode: "INVALID_FIELD",
        },
      ])
      .get(`${API}/query`)
      .query(true)
      .reply(400, [{ message: "unexpected token: FORM", errorCode: "MALFORMED_QUERY" }]);
    const sf = client();
    await expect(sf.query("SELECT Id, IACV__c FROM Opportunity", "reading opportunities")).rejects.toThrow(
      "Salesforce: Opportunity has no field IACV__c. Fix the field under salesforce.fieldMap in the config",
    );
    await expect(sf.query("SELECT Id FORM User", "reading users")).rejects.toThrow(
      "Salesforce rejected the query for reading users: unexpected token: FORM. Check salesforce.fieldMap in the config.",
    );
  });

  it("says a token obtained elsewhere has expired instead of looping", async () => {
    nock(INSTANCE)
      .get(`${API}/query`)
      .query(true)
      .reply(401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
    const sf = client(new StaticTokenAuth({ instanceUrl: INSTANCE, accessToken: "00D!old" }));
    await expect(sf.query("SELECT Id FROM User", "reading users")).rejects.toThrow(
      /SALESFORCE_ACCESS_TOKEN was refused/,
    );
  });

  it("keeps values in SOQL escaped and field names out of reach of injection", () => {
    expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
    expect(opportunitiesQuery(HANDBOOK_FIELDS, 30)).toMatch(
      /WHERE Owner\.IsActive = true AND Owner\.Nudge_Role__c IN \('ae', 'manager', 'admin'\) AND \(IsClosed = false OR CloseDate = LAST_N_DAYS:30\)$/,
    );
  });

  it("reports a record Salesforce sends with a bad value, and keeps the rest", async () => {
    const { snapshot } = await sampleSource().load();
    const bad = snapshot.opportunities[1]?.id;
    fake = await startFakeSalesforce(
      { ...snapshot, opportunities: snapshot.opportunities.slice(0, 3) },
      {
        edit: (object, record) =>
          object === "Opportunity" && record.Id === bad && Object.assign(record, { Amount: "lots" }),
      },
    );
    const loaded = await sourceFor(fake).load();
    expect(loaded.snapshot.opportunities).toHaveLength(2);
    expect(loaded.issues).toEqual([
      {
        severity: "skipped",
        file: `Salesforce Opportunity ${bad}`,
        line: null,
        field: "Amount",
        message: 'expected a number, got "lots"',
      },
    ]);
  });
});

describe("writing a next step back", () => {
  it("PATCHes NextStep and the mapped date field", async () => {
    fake = await startFakeSalesforce(TEAM);
    await sourceFor(fake).updateRecord("opportunity", "006A", {
      nextStep: "Send the quote to the CFO",
      nextStepDate: "2026-03-12",
    });
    expect(fake.patches).toEqual([
      { id: "006A", body: { NextStep: "Send the quote to the CFO", Next_Step_Date__c: "2026-03-12" } },
    ]);
  });

  it("writes the next step alone in an org without a next step date field", async () => {
    fake = await startFakeSalesforce(TEAM, { org: "stock" });
    await sourceFor(fake).updateRecord("opportunity", "006A", {
      nextStep: "Send the quote to the CFO",
      nextStepDate: "2026-03-12",
    });
    expect(fake.patches).toEqual([{ id: "006A", body: { NextStep: "Send the quote to the CFO" } }]);
  });

  it("turns a validation error (400) into a message next to the field it names", async () => {
    tokenOk();
    nock(INSTANCE)
      .get(`${API}/sobjects/Opportunity/describe`)
      .reply(200, {
        fields: [
          { name: "NextStep", type: "string", relationshipName: null, referenceTo: [] },
          { name: "Next_Step_Date__c", type: "date", relationshipName: null, referenceTo: [] },
        ],
      })
      .get(/\/sobjects\/(Account|User)\/describe/)
      .times(2)
      .reply(200, { fields: [] })
      .get(`${API}/query`)
      .query(true)
      .reply(200, { totalSize: 0, done: true, records: [] })
      .patch(`${API}/sobjects/Opportunity/006A`)
      .reply(400, [
        {
          message: "Next step date must be a working day",
          errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
          fields: ["Next_Step_Date__c"],
        },
      ]);
    const source = new SalesforceSource({
      client: client(),
      fieldMap: mergeFieldMap({}),
      logger: quietLogger,
      closedWithinDays: 30,
    });
    const failure = await source
      .updateRecord("opportunity", "006A", { nextStep: "x y z", nextStepDate: "2026-03-14" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WriteBackError);
    expect(failure).toMatchObject({ message: "Next step date must be a working day", field: "nextStepDate" });
  });
});
