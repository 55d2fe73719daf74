// A stand-in for the Salesforce REST API on loopback: the JWT token endpoint, describe, paginated
// queries and PATCH. Like Salesforce, a query naming a field the org does not have is refused with
// INVALID_FIELD, and only the selected fields come back. Two orgs: the handbook team's (their custom
// fields) and a stock org (standard fields only). Counts requests per object, and reports API usage
// in Sforce-Limit-Info. For the CLI run as a process, the 24-hour simulation and the benchmark.
import { createServer, type Server } from "node:http";
import type { Snapshot } from "../../src/domain/model.ts";
import type { DescribedField } from "../../src/sources/salesforce/resolve-field-map.ts";
import { snapshotToSalesforce } from "./salesforce-fixtures.ts";

type SalesforceRecord = Record<string, unknown>;
type ObjectName = "Opportunity" | "Account" | "User";

const READ_ONLY = new Set([
  "Id",
  "IsClosed",
  "IsWon",
  "LastActivityDate",
  "CreatedDate",
  "SystemModstamp",
  "UserType",
]);
const field = (name: string, type: string, picklist?: string[]): DescribedField => ({
  name,
  type,
  relationshipName: null,
  referenceTo: [],
  updateable: !READ_ONLY.has(name),
  ...(picklist ? { picklistValues: picklist.map((value) => ({ value, label: value, active: true })) } : {}),
});

/** The handbook org's picklists, as describe lists them. */
export const HOW_HEARD_VALUES = ["Webinar", "Referral", "Event", "Search"];
export const CLOSED_REASON_VALUES = ["Price", "Timing", "Competitor", "No decision"];
const lookup = (relationshipName: string, target: string): DescribedField => ({
  name: `${relationshipName}Id`,
  type: "reference",
  relationshipName,
  referenceTo: [target],
});

/** The standard fields every org has (the ones nudgebot can use). */
export const STOCK_SCHEMA: Record<ObjectName, DescribedField[]> = {
  Opportunity: [
    field("Id", "id"),
    field("Name", "string"),
    lookup("Account", "Account"),
    lookup("Owner", "User"),
    field("StageName", "picklist"),
    field("IsClosed", "boolean"),
    field("IsWon", "boolean"),
    field("Amount", "currency"),
    field("CloseDate", "date"),
    field("NextStep", "string"),
    field("LastActivityDate", "date"),
    field("LeadSource", "picklist", ["Web", "Phone Inquiry", "Partner Referral"]),
    field("Description", "textarea"),
    field("CreatedDate", "datetime"),
    field("SystemModstamp", "datetime"),
  ],
  Account: [
    field("Id", "id"),
    field("Name", "string"),
    lookup("Owner", "User"),
    field("NumberOfEmployees", "int"),
    field("Description", "textarea"),
    field("SystemModstamp", "datetime"),
  ],
  User: [
    field("Id", "id"),
    field("Email", "email"),
    field("Name", "string"),
    field("TimeZoneSidKey", "picklist"),
    lookup("Manager", "User"),
    field("IsActive", "boolean"),
    field("UserType", "picklist"),
    field("CreatedDate", "datetime"),
    field("SystemModstamp", "datetime"),
  ],
};

/** The handbook team's custom fields, on top of the stock ones. */
export const HANDBOOK_CUSTOM_FIELDS: Record<ObjectName, DescribedField[]> = {
  Opportunity: [
    field("IACV__c", "currency"),
    field("Next_Step_Date__c", "date"),
    field("Link_to_Custom_Pitch_Deck__c", "url"),
    field("How_Heard__c", "picklist", HOW_HEARD_VALUES),
    field("Closed_Reason__c", "picklist", CLOSED_REASON_VALUES),
    ...[
      "Why_Do_Anything__c",
      "Why_Now__c",
      "Why_Us__c",
      "Close_Plan__c",
      "Identify_Pain__c",
      "Metrics__c",
      "Economic_Buyer__c",
      "Decision_Criteria__c",
      "Decision_Process__c",
      "Champion__c",
      "Competition__c",
    ].map((name) => field(name, "textarea")),
  ],
  Account: [
    field("Segment__c", "picklist"),
    field("Tier__c", "picklist", ["Tier 1", "Tier 1.5", "Tier 2", "Tier 3"]),
    field("Potential_Users__c", "double"),
    field("Tier_Notes__c", "textarea"),
  ],
  User: [field("Segment__c", "picklist"), field("Nudge_Role__c", "picklist"), field("Start_Date__c", "date")],
};

export const HANDBOOK_STAGES = [
  "00-Pre Opportunity",
  "0-Pending Acceptance",
  "1-Discovery",
  "2-Scoping",
  "3-Technical Evaluation",
  "4-Proposal",
  "5-Negotiating",
  "6-Awaiting Signature",
];

export interface FakeSalesforceOptions {
  pageSize?: number;
  /** "handbook" (default): the handbook team's custom fields exist; "stock": standard fields only. */
  org?: "handbook" | "stock";
  /** More fields in the org, e.g. CurrencyIsoCode on Opportunity in a multi-currency org. */
  extraFields?: Partial<Record<ObjectName, DescribedField[]>>;
  /** Change records after they are built from the snapshot (a currency, an employee count…). */
  edit?: (object: ObjectName, record: SalesforceRecord) => void;
  /** The org's stages in sort order, first stage first; closed ones last. */
  stages?: { name: string; closed?: boolean }[];
  /** CurrencyType rows; absent means the org is single-currency. */
  currencies?: { IsoCode: string; ConversionRate: number; IsCorporate: boolean }[];
  /** DatedConversionRate rows; absent means no advanced currency management. */
  datedRates?: { IsoCode: string; ConversionRate: number; StartDate: string; NextStartDate: string | null }[];
  /** The org's daily API limit and how much of it was used before the first request. */
  apiLimit?: { used: number; max: number };
  /** Fields the API user may read but not edit (field-level security). */
  readOnly?: Partial<Record<ObjectName, string[]>>;
}

export interface FakeSalesforce {
  url: string;
  server: Server;
  /** Requests per object queried (User, Account, Opportunity…), pages included. */
  queryRequests: Map<string, number>;
  /** Every SOQL query received, in order. */
  queries: string[];
  describeRequests: number;
  tokenRequests: number;
  /** Every request, all kinds. */
  requests: number;
  patches: { id: string; body: unknown; object?: string }[];
  /** The next PATCH is refused with this answer (a validation rule, a required field). */
  refuseNextPatch: { status: number; body: unknown } | null;
  /** Records by object, editable between reads (set SystemModstamp to see them in a refresh). */
  records: Record<ObjectName, SalesforceRecord[]>;
  /** API usage the org reports; tests can move it. */
  apiUsage: { used: number; max: number };
  close(): Promise<void>;
}

function invalidField(soql: string, column: string, entity: string) {
  return [
    {
      message: `\n${soql.slice(0, 120)}\n ^\nERROR at Row:1:Column:8\nNo such column '${column}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      errorCode: "INVALID_FIELD",
    },
  ];
}

function project(record: SalesforceRecord, paths: string[]): SalesforceRecord {
  const out: SalesforceRecord = { attributes: record.attributes };
  for (const path of paths) {
    const [head, leaf] = path.split(".");
    if (!head) continue;
    if (!leaf) {
      out[head] = record[head] ?? null;
      continue;
    }
    const parent = record[head] as SalesforceRecord | null | undefined;
    if (!parent) {
      out[head] = null;
      continue;
    }
    const child = (out[head] as SalesforceRecord | undefined) ?? { attributes: parent.attributes };
    child[leaf] = parent[leaf] ?? null;
    out[head] = child;
  }
  return out;
}

export async function startFakeSalesforce(
  snapshot: Snapshot,
  options: FakeSalesforceOptions = {},
): Promise<FakeSalesforce> {
  const pageSize = options.pageSize ?? 2_000;
  const built = snapshotToSalesforce(snapshot);
  const records: Record<ObjectName, SalesforceRecord[]> = {
    User: built.users,
    Account: built.accounts,
    Opportunity: built.opportunities,
  };
  if (options.edit)
    for (const object of Object.keys(records) as ObjectName[])
      for (const r of records[object]) options.edit(object, r);
  const schema = {} as Record<ObjectName, DescribedField[]>;
  for (const object of Object.keys(STOCK_SCHEMA) as ObjectName[]) {
    schema[object] = [
      ...STOCK_SCHEMA[object],
      ...(options.org === "stock" ? [] : HANDBOOK_CUSTOM_FIELDS[object]),
      ...(options.extraFields?.[object] ?? []),
    ].map((described) =>
      options.readOnly?.[object]?.includes(described.name) ? { ...described, updateable: false } : described,
    );
  }
  const fieldOf = (
    object: string,
    path: string,
  ): { ok: true } | { ok: false; column: string; entity: string } => {
    const [head, ...rest] = path.split(".");
    const fields = schema[object as ObjectName] ?? [];
    if (rest.length === 0) {
      return fields.some((f) => f.name.toLowerCase() === head?.toLowerCase())
        ? { ok: true }
        : { ok: false, column: head ?? path, entity: object };
    }
    const relation = fields.find((f) => f.relationshipName?.toLowerCase() === head?.toLowerCase());
    if (!relation?.referenceTo[0]) return { ok: false, column: head ?? path, entity: object };
    return fieldOf(relation.referenceTo[0], rest.join("."));
  };
  const stages: { name: string; closed?: boolean }[] = options.stages ?? [
    ...HANDBOOK_STAGES.map((name) => ({ name })),
    { name: "Closed Won", closed: true },
    { name: "Closed Lost", closed: true },
  ];
  const pages = new Map<string, { object: string; page: Record<string, unknown> }>();
  let queryNumber = 0;
  const paginate = (object: string, list: unknown[]): Record<string, unknown> => {
    queryNumber += 1;
    const locator = (end: number) => `/services/data/v62.0/query/01g${queryNumber}-${end}`;
    let first: Record<string, unknown> | null = null;
    for (let start = 0; start < Math.max(list.length, 1); start += pageSize) {
      const end = Math.min(list.length, start + pageSize);
      const done = end >= list.length;
      const page = {
        totalSize: list.length,
        done,
        records: list.slice(start, end),
        ...(done ? {} : { nextRecordsUrl: locator(end) }),
      };
      if (start === 0) first = page;
      else pages.set(locator(start), { object, page });
    }
    return first ?? { totalSize: 0, done: true, records: [] };
  };

  const fake: FakeSalesforce = {
    url: "",
    server: createServer(),
    queryRequests: new Map(),
    queries: [],
    describeRequests: 0,
    tokenRequests: 0,
    requests: 0,
    patches: [],
    refuseNextPatch: null,
    records,
    apiUsage: { ...(options.apiLimit ?? { used: 42, max: 15_000 }) },
    close: () => new Promise((resolve) => fake.server.close(() => resolve())),
  };
  const count = (object: string) => fake.queryRequests.set(object, (fake.queryRequests.get(object) ?? 0) + 1);

  const runQuery = (soql: string): { status: number; body: unknown } => {
    const match = /^SELECT (.+?) FROM (\w+)(?: WHERE (.+?))?(?: ORDER BY .+)?$/.exec(soql.trim());
    if (!match) return { status: 400, body: [{ errorCode: "MALFORMED_QUERY", message: "unexpected token" }] };
    const [, select = "", object = "", where = ""] = match;
    count(object);
    if (object === "OpportunityStage") {
      const rows = stages.map((stage, index) => ({
        ApiName: stage.name,
        SortOrder: index + 1,
        IsClosed: stage.closed ?? false,
      }));
      return { status: 200, body: paginate(object, rows.reverse()) };
    }
    if (object === "CurrencyType" || object === "DatedConversionRate") {
      const rows = object === "CurrencyType" ? options.currencies : options.datedRates;
      if (!rows)
        return {
          status: 400,
          body: [{ errorCode: "INVALID_TYPE", message: `sObject type '${object}' is not supported.` }],
        };
      return { status: 200, body: paginate(object, rows) };
    }
    const list = records[object as ObjectName];
    if (!list)
      return {
        status: 400,
        body: [{ errorCode: "INVALID_TYPE", message: `sObject type '${object}' is not supported.` }],
      };
    const paths = select.split(",").map((path) => path.trim());
    const whereFields = [...where.matchAll(/([A-Za-z_][\w.]*)\s*(?:=|IN\b|>|<)/g)].map((m) => m[1] ?? "");
    for (const path of [...paths, ...whereFields]) {
      const found = fieldOf(object, path);
      if (!found.ok) return { status: 400, body: invalidField(soql, found.column, found.entity) };
    }
    const since = /SystemModstamp > (\S+)/.exec(where)?.[1];
    const selected = since
      ? list.filter(
          (record) => Date.parse(String(record.SystemModstamp).replace("+0000", "Z")) > Date.parse(since),
        )
      : list;
    return {
      status: 200,
      body: paginate(
        object,
        selected.map((record) => project(record, paths)),
      ),
    };
  };

  fake.server.on("request", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      fake.requests += 1;
      const url = new URL(req.url ?? "/", "http://localhost");
      const send = (status: number, body: unknown) => {
        if (!url.pathname.startsWith("/services/oauth2")) fake.apiUsage.used += 1;
        res.writeHead(status, {
          "content-type": "application/json",
          "sforce-limit-info": `api-usage=${fake.apiUsage.used}/${fake.apiUsage.max}`,
        });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (url.pathname === "/services/oauth2/token") {
        fake.tokenRequests += 1;
        return send(200, { access_token: "00D!token", instance_url: fake.url, token_type: "Bearer" });
      }
      if (url.pathname.endsWith("/query")) {
        const soql = url.searchParams.get("q") ?? "";
        fake.queries.push(soql);
        const result = runQuery(soql);
        return send(result.status, result.body);
      }
      const next = pages.get(url.pathname);
      if (next) {
        count(next.object);
        return send(200, next.page);
      }
      if (url.pathname.endsWith("/limits")) {
        return send(200, {
          DailyApiRequests: { Max: fake.apiUsage.max, Remaining: fake.apiUsage.max - fake.apiUsage.used },
        });
      }
      const describe = /\/sobjects\/(\w+)\/describe$/.exec(url.pathname);
      if (describe) {
        fake.describeRequests += 1;
        const fields = schema[describe[1] as ObjectName];
        return fields
          ? send(200, { name: describe[1], fields })
          : send(404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
      }
      const patch = /\/sobjects\/(Opportunity|Account)\/([^/]+)$/.exec(url.pathname);
      if (patch && req.method === "PATCH") {
        const object = patch[1] as ObjectName;
        const id = decodeURIComponent(patch[2] ?? "");
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as SalesforceRecord;
        const refusal = fake.refuseNextPatch;
        if (refusal) {
          fake.refuseNextPatch = null;
          return send(refusal.status, refusal.body);
        }
        const record = records[object].find((candidate) => candidate.Id === id);
        if (!record)
          return send(404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
        fake.patches.push(object === "Opportunity" ? { id, body } : { id, body, object });
        Object.assign(record, body);
        return send(204, undefined);
      }
      return send(404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
    });
  });
  await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
  const address = fake.server.address();
  fake.url = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
  return fake;
}
