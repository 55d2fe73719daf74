// A snapshot as Salesforce would return it through the default field map: the same records the
// CSV files hold, in REST API shapes (attributes, relationship objects, nulls, numbers, booleans).
import { COMMAND_PLAN_FIELDS, type Snapshot } from "../../src/domain/model.ts";
import { DEFAULT_FIELD_MAP } from "../../src/sources/salesforce/field-map.ts";

type SalesforceRecord = Record<string, unknown>;

function put(record: SalesforceRecord, path: string, value: unknown): void {
  const [head, ...rest] = path.split(".");
  if (!head) return;
  if (rest.length === 0) {
    record[head] = value ?? null;
    return;
  }
  const child = (record[head] as SalesforceRecord | undefined) ?? { attributes: { type: "User" } };
  record[head] = child;
  put(child, rest.join("."), value);
}

function toRecord(
  type: string,
  id: string,
  values: Record<string, unknown>,
  map: Record<string, string>,
): SalesforceRecord {
  const record: SalesforceRecord = {
    attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${id}` },
  };
  for (const [field, path] of Object.entries(map)) put(record, path, values[field]);
  return record;
}

export function snapshotToSalesforce(snapshot: Snapshot): {
  users: SalesforceRecord[];
  accounts: SalesforceRecord[];
  opportunities: SalesforceRecord[];
} {
  return {
    users: snapshot.reps.map((rep, index) =>
      toRecord("User", `005${index}`, { ...rep }, DEFAULT_FIELD_MAP.user),
    ),
    accounts: snapshot.accounts.map((account) =>
      toRecord("Account", account.id, { ...account }, DEFAULT_FIELD_MAP.account),
    ),
    opportunities: snapshot.opportunities.map((opp) => {
      const values: Record<string, unknown> = { ...opp };
      for (const field of COMMAND_PLAN_FIELDS) values[field] = opp.commandPlan[field];
      return toRecord("Opportunity", opp.id, values, DEFAULT_FIELD_MAP.opportunity);
    }),
  };
}

/** Splits records into query pages the way Salesforce does, with nextRecordsUrl between them. */
export function queryPages(
  records: SalesforceRecord[],
  pageSize: number,
  locator: string,
): Record<string, unknown>[] {
  const pages: Record<string, unknown>[] = [];
  for (let start = 0; start < Math.max(records.length, 1); start += pageSize) {
    const end = Math.min(records.length, start + pageSize);
    const done = end >= records.length;
    pages.push({
      totalSize: records.length,
      done,
      records: records.slice(start, end),
      ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/${locator}-${end}` }),
    });
  }
  return pages;
}
