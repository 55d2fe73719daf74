// One read of the portal's records: owners (paged), the deals that can matter through the search
// API in slices under its 10,000-result cap, their companies through associations, and the
// companies' properties in batches. Nothing is read per deal.
import type { HubspotClient, SearchBody } from "./hubspot-client.ts";
import type { ResolvedPropertyMap } from "./property-map.ts";
import type { Stage } from "./read-portal.ts";

/** A HubSpot object as the APIs send it; the record handed on is its properties plus its id. */
interface HubspotObjectRecord {
  id: string;
  properties: Record<string, string | null>;
}

export type FlatRecord = Record<string, unknown>;

export interface Owner {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  archived?: boolean;
  teams?: { id: string; name: string; primary?: boolean }[];
}

/** HubSpot refuses a search past 10,000 results: each slice starts after the last id read. */
const SEARCH_CAP = 10_000;
const PAGE = 200;
/** What a search body may spend on stage ids, of HubSpot's 3,000 characters (the rest: properties, filters). */
const SEARCH_BODY_ROOM = 1_500;
/** Batch sizes HubSpot allows: companies 100 per read, associations 1,000. */
const COMPANY_BATCH = 100;
const ASSOCIATION_BATCH = 1_000;
/** The deal → company association HubSpot marks as primary. */
const PRIMARY_COMPANY_TYPE = 5;

const flat = (record: HubspotObjectRecord): FlatRecord => ({ ...record.properties, hs_object_id: record.id });
const propertiesOf = (map: Partial<Record<string, string>>) => [
  ...new Set(Object.values(map).filter((path): path is string => path !== undefined)),
];

export async function readOwners(client: HubspotClient): Promise<Owner[]> {
  return client.list<Owner>("/crm/v3/owners?archived=false", "reading owners");
}

/** Open deals and deals closed since `closedSince`, changed since `since` when given. */
export async function readDeals(
  client: HubspotClient,
  map: ResolvedPropertyMap,
  stages: Map<string, Stage>,
  closedSince: Date,
  since: Date | undefined,
): Promise<FlatRecord[]> {
  const stageIds = (closed: boolean) =>
    [...stages].filter(([, stage]) => stage.isClosed === closed).map(([id]) => id);
  const changed = since
    ? [{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(since.getTime()) }]
    : [];
  const closedIds = stageIds(true);
  // HubSpot refuses a search body of 3,000 characters or more: a portal with many closed stages
  // asks by HubSpot's own `hs_is_closed` instead of naming them.
  const byStage = JSON.stringify(closedIds).length * 2 < SEARCH_BODY_ROOM;
  const closedIs = (closed: boolean) =>
    byStage
      ? { propertyName: "dealstage", operator: closed ? "IN" : "NOT_IN", values: closedIds }
      : { propertyName: "hs_is_closed", operator: "EQ", value: String(closed) };
  const groups = (afterId: string) => {
    const after = { propertyName: "hs_object_id", operator: "GT", value: afterId };
    return [
      {
        // Open: every stage not closed, so a deal in a stage no pipeline has is read and reported.
        filters: [closedIs(false), after, ...changed],
      },
      {
        filters: [
          closedIs(true),
          { propertyName: "closedate", operator: "GTE", value: String(closedSince.getTime()) },
          after,
          ...changed,
        ],
      },
    ];
  };
  const deals: FlatRecord[] = [];
  let afterId = "0";
  for (;;) {
    const body: SearchBody = {
      filterGroups: groups(afterId),
      sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }],
      properties: propertiesOf(map.deal),
      limit: PAGE,
    };
    const slice = await client.search<HubspotObjectRecord>("deals", body, "reading deals", SEARCH_CAP);
    for (const record of slice.results) deals.push(flat(record));
    const last = slice.results.at(-1);
    if (!last || slice.total <= slice.results.length) break;
    afterId = last.id;
  }
  return deals;
}

/** Each deal's company: its primary one, else its first. */
export async function readDealCompanies(
  client: HubspotClient,
  dealIds: string[],
): Promise<Map<string, string>> {
  const companyOf = new Map<string, string>();
  for (let start = 0; start < dealIds.length; start += ASSOCIATION_BATCH) {
    const inputs = dealIds.slice(start, start + ASSOCIATION_BATCH).map((id) => ({ id }));
    const batch = await client.post<{
      results: {
        from: { id: string };
        to: { toObjectId: number | string; associationTypes?: { typeId: number; label?: string | null }[] }[];
      }[];
    }>("/crm/v4/associations/deals/companies/batch/read", { inputs }, "reading the deals' companies");
    for (const result of batch.results) {
      const primary = result.to.find((to) =>
        to.associationTypes?.some((type) => type.typeId === PRIMARY_COMPANY_TYPE),
      );
      const chosen = primary ?? result.to[0];
      if (chosen) companyOf.set(String(result.from.id), String(chosen.toObjectId));
    }
  }
  return companyOf;
}

export async function readCompanies(
  client: HubspotClient,
  map: ResolvedPropertyMap,
  ids: string[],
): Promise<FlatRecord[]> {
  const companies: FlatRecord[] = [];
  const properties = propertiesOf(map.company);
  for (let start = 0; start < ids.length; start += COMPANY_BATCH) {
    const inputs = ids.slice(start, start + COMPANY_BATCH).map((id) => ({ id }));
    const batch = await client.post<{ results: HubspotObjectRecord[] }>(
      "/crm/v3/objects/companies/batch/read",
      { properties, inputs },
      "reading companies",
    );
    for (const record of batch.results) companies.push(flat(record));
  }
  return companies;
}
