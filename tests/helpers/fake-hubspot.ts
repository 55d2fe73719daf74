// A stand-in for HubSpot's CRM v3 API on loopback, with HubSpot's response shapes: properties,
// pipelines, owners (paged), account details, deal search (filters, sorts, 200 a page, the 10,000
// result cap), v4 associations, company batch reads, deal PATCH (read-only properties refused as
// HubSpot refuses them) and task creation. A stock portal: default properties only, two pipelines
// (HubSpot's own stage ids and numeric ones). Counts requests by route; can answer one 429.
import { createServer, type IncomingMessage, type Server } from "node:http";
import {
  type FakePortal,
  PIPELINES,
  STOCK_COMPANY_PROPERTIES,
  STOCK_DEAL_PROPERTIES,
} from "./hubspot-portal.ts";

export type { FakePortal };

export interface FakeHubspot {
  url: string;
  token: string;
  portal: FakePortal;
  /** Requests by route (`POST /crm/v3/objects/deals/search`). */
  requests: Map<string, number>;
  searchBodies: unknown[];
  tasks: unknown[];
  patches: { id: string; properties: Record<string, string> }[];
  /** The next request to this route answers 429 once. */
  rateLimitOnce(route: string): void;
  /** The next request to this route answers 502 once. */
  failOnce(route: string): void;
  /** Requests answer 403 naming this scope. */
  missingScope: string | null;
  close(): Promise<void>;
}

const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-hubspot-ratelimit-daily": "250000",
    "x-hubspot-ratelimit-daily-remaining": "249000",
    ...headers,
  });
  res.end(JSON.stringify(body));
};

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}

function matches(deal: Record<string, string | null>, filter: Filter): boolean {
  const value = deal[filter.propertyName] ?? null;
  const asNumber = (text: string | null | undefined) =>
    text === null || text === undefined ? Number.NaN : /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  switch (filter.operator) {
    case "IN":
      return value !== null && (filter.values ?? []).includes(value);
    case "NOT_IN":
      return value !== null && !(filter.values ?? []).includes(value);
    case "GT":
      return asNumber(value) > asNumber(filter.value);
    case "GTE":
      return asNumber(value) >= asNumber(filter.value);
    case "EQ":
      return value === filter.value;
    default:
      throw new Error(`fake HubSpot: operator ${filter.operator} not supported`);
  }
}

const pick = (record: Record<string, string | null>, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, record[name] ?? null]));

export async function startFakeHubspot(
  portal: FakePortal,
  token = "pat-na1-test-token",
): Promise<FakeHubspot> {
  const requests = new Map<string, number>();
  const limited = new Set<string>();
  const failing = new Set<string>();
  const searched = new Map<string, Record<string, string | null>[]>();
  const fake = {
    url: "",
    token,
    portal,
    requests,
    searchBodies: [] as unknown[],
    tasks: [] as unknown[],
    patches: [] as { id: string; properties: Record<string, string> }[],
    missingScope: null as string | null,
    rateLimitOnce: (route: string) => limited.add(route),
    failOnce: (route: string) => failing.add(route),
    close: async () => {},
  };
  const dealProperties = portal.dealProperties ?? STOCK_DEAL_PROPERTIES;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const route = `${req.method} ${url.pathname.replace(/\/\d+$/, "/:id")}`;
    requests.set(route, (requests.get(route) ?? 0) + 1);
    if (req.headers.authorization !== `Bearer ${token}`) {
      return json(res, 401, {
        status: "error",
        message: "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
        correlationId: "c0ffee",
        category: "INVALID_AUTHENTICATION",
      });
    }
    if (fake.missingScope) {
      return json(res, 403, {
        status: "error",
        message: "This app hasn't been granted all required scopes to make this call.",
        correlationId: "c0ffee",
        errors: [
          {
            message: "One or more scopes are missing",
            context: { requiredGranularScopes: [fake.missingScope] },
          },
        ],
        category: "MISSING_SCOPES",
      });
    }
    if (failing.delete(route)) {
      return json(res, 502, { status: "error", message: "Bad Gateway", category: "INTERNAL_ERROR" });
    }
    if (limited.delete(route)) {
      return json(
        res,
        429,
        {
          status: "error",
          message: "You have reached your ten_secondly_rolling limit.",
          category: "RATE_LIMITS",
        },
        { "x-hubspot-ratelimit-interval-milliseconds": "10000", "retry-after": "1" },
      );
    }
    const body = req.method === "GET" ? {} : await bodyOf(req);
    switch (route) {
      case "GET /crm/v3/properties/deals":
        return json(res, 200, { results: dealProperties });
      case "GET /crm/v3/properties/companies":
        return json(res, 200, { results: portal.companyProperties ?? STOCK_COMPANY_PROPERTIES });
      case "GET /crm/v3/pipelines/deals":
        return json(res, 200, { results: PIPELINES });
      case "GET /account-info/v3/details":
        return json(res, 200, {
          portalId: portal.portalId,
          accountType: "STANDARD",
          timeZone: "US/Eastern",
          companyCurrency: portal.companyCurrency,
          additionalCurrencies: ["EUR"],
          utcOffset: "-05:00",
          utcOffsetMilliseconds: -18000000,
          uiDomain: "app.hubspot.com",
          dataHostingLocation: "na1",
        });
      case "GET /crm/v3/owners": {
        const limit = Number(url.searchParams.get("limit") ?? 100);
        const start = Number(url.searchParams.get("after") ?? 0);
        const page = portal.owners.slice(start, start + limit).map((owner) => ({
          ...owner,
          userId: Number(owner.id) + 1,
          createdAt: "2024-01-01T00:00:00Z",
          updatedAt: "2024-01-01T00:00:00Z",
          archived: owner.archived ?? false,
          teams: owner.teams ?? [],
        }));
        const next = start + limit < portal.owners.length ? { next: { after: String(start + limit) } } : {};
        return json(res, 200, { results: page, ...(Object.keys(next).length ? { paging: next } : {}) });
      }
      case "POST /crm/v3/objects/deals/search": {
        fake.searchBodies.push(body);
        const groups = body.filterGroups as { filters: Filter[] }[];
        const limit = Math.min(Number(body.limit ?? 10), 200);
        const after = Number(body.after ?? 0);
        if (after + limit > 10_000) {
          return json(res, 400, {
            status: "error",
            message: "There was a problem with the request.",
            category: "VALIDATION_ERROR",
          });
        }
        // The same query page after page: filtered and sorted once (100,000 deals in the benchmark).
        const key = JSON.stringify(groups);
        let found = searched.get(key);
        if (!found) {
          found = portal.deals
            .filter((deal) => groups.some((group) => group.filters.every((filter) => matches(deal, filter))))
            .sort((a, b) => Number(a.hs_object_id) - Number(b.hs_object_id));
          searched.set(key, found);
        }
        const names = body.properties as string[];
        const results = found.slice(after, after + limit).map((deal) => ({
          id: deal.hs_object_id,
          properties: pick(deal, names),
          createdAt: deal.createdate,
          updatedAt: deal.hs_lastmodifieddate,
          archived: false,
        }));
        const more = after + limit < found.length;
        return json(res, 200, {
          total: found.length,
          results,
          ...(more ? { paging: { next: { after: String(after + limit), link: "?after=" } } } : {}),
        });
      }
      case "POST /crm/v4/associations/deals/companies/batch/read": {
        const inputs = body.inputs as { id: string }[];
        const results = inputs
          .filter((input) => (portal.dealCompanies[input.id] ?? []).length > 0)
          .map((input) => ({
            from: { id: input.id },
            to: (portal.dealCompanies[input.id] ?? []).map((company, index) => ({
              toObjectId: Number(company),
              associationTypes: [
                ...(index === 0 ? [{ category: "HUBSPOT_DEFINED", typeId: 5, label: "Primary" }] : []),
                { category: "HUBSPOT_DEFINED", typeId: 341, label: null },
              ],
            })),
          }));
        return json(res, 200, { status: "COMPLETE", results, startedAt: "", completedAt: "" });
      }
      case "POST /crm/v3/objects/companies/batch/read": {
        const inputs = body.inputs as { id: string }[];
        const names = body.properties as string[];
        const results = inputs
          .map((input) => portal.companies.find((company) => company.hs_object_id === input.id))
          .filter((company) => company !== undefined)
          .map((company) => ({
            id: company.hs_object_id,
            properties: pick(company, names),
            archived: false,
          }));
        return json(res, 200, { status: "COMPLETE", results, startedAt: "", completedAt: "" });
      }
      case "PATCH /crm/v3/objects/deals/:id": {
        const id = url.pathname.split("/").at(-1) as string;
        const deal = portal.deals.find((candidate) => candidate.hs_object_id === id);
        if (!deal)
          return json(res, 404, {
            status: "error",
            message: "Object not found",
            category: "OBJECT_NOT_FOUND",
          });
        const properties = body.properties as Record<string, string>;
        for (const name of Object.keys(properties)) {
          const property = dealProperties.find((candidate) => candidate.name === name);
          if (!property || property.modificationMetadata.readOnlyValue) {
            return json(res, 400, {
              status: "error",
              message: `Property values were not valid: [{"isValid":false,"message":"${name} is a read only property; its value cannot be set.","error":"READ_ONLY_VALUE","name":"${name}"}]`,
              category: "VALIDATION_ERROR",
              errors: [
                {
                  message: `${name} is a read only property; its value cannot be set.`,
                  code: "READ_ONLY_VALUE",
                  context: { propertyName: [name] },
                },
              ],
            });
          }
          if (name === "hs_next_step" && properties[name] === "REJECT") {
            return json(res, 400, {
              status: "error",
              message: "Property values were not valid",
              category: "VALIDATION_ERROR",
              errors: [
                {
                  message: "Next step must not be REJECT (a validation rule of the portal)",
                  code: "INVALID_OPTION",
                  context: { propertyName: [name] },
                },
              ],
            });
          }
        }
        Object.assign(deal, properties);
        searched.clear();
        fake.patches.push({ id, properties });
        return json(res, 200, { id, properties: deal, archived: false });
      }
      case "POST /crm/v3/objects/tasks":
        fake.tasks.push(body);
        return json(res, 201, {
          id: String(9000 + fake.tasks.length),
          properties: body.properties,
          archived: false,
        });
      default:
        return json(res, 404, {
          status: "error",
          message: `fake HubSpot has no ${route}`,
          category: "OBJECT_NOT_FOUND",
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}
