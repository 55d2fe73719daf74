// A snapshot as Salesforce would return it: the same records the CSV files hold, in REST API shapes
// (attributes, relationship objects, nulls, numbers, booleans), under the handbook team's custom
// fields and their standard equivalents (LeadSource, CreatedDate) alike.
import { COMMAND_PLAN_FIELDS, type Snapshot } from "../../src/domain/model.ts";
import { firstCandidates, mergeFieldMap } from "../../src/sources/salesforce/field-map.ts";

type SalesforceRecord = Record<string, unknown>;

/** Every domain field at the handbook team's own field. */
export const HANDBOOK_FIELDS = firstCandidates(mergeFieldMap({}));

/** When the fixtures' records last changed, as Salesforce stamps them. */
export const FIXTURE_MODSTAMP = "2026-03-01T00:00:00.000+0000";

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
  map: Record<string, string | undefined>,
): SalesforceRecord {
  const record: SalesforceRecord = {
    attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${id}` },
    Id: id,
    SystemModstamp: FIXTURE_MODSTAMP,
  };
  for (const [field, path] of Object.entries(map)) if (path) put(record, path, values[field]);
  return record;
}

export function snapshotToSalesforce(snapshot: Snapshot): {
  users: SalesforceRecord[];
  accounts: SalesforceRecord[];
  opportunities: SalesforceRecord[];
} {
  return {
    users: snapshot.reps.map((rep, index) => ({
      ...toRecord("User", `005${index}`, { ...rep }, HANDBOOK_FIELDS.user),
      IsActive: true,
      UserType: "Standard",
      CreatedDate: rep.startDate ? `${rep.startDate}T08:00:00.000+0000` : FIXTURE_MODSTAMP,
    })),
    accounts: snapshot.accounts.map((account) =>
      toRecord("Account", account.id, { ...account }, HANDBOOK_FIELDS.account),
    ),
    opportunities: snapshot.opportunities.map((opp) => {
      const values: Record<string, unknown> = { ...opp };
      for (const field of COMMAND_PLAN_FIELDS) values[field] = opp.commandPlan[field];
      const record = toRecord("Opportunity", opp.id, values, HANDBOOK_FIELDS.opportunity);
      record.LeadSource = opp.howHeard;
      if (opp.currency === undefined) delete record.CurrencyIsoCode;
      return record;
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
