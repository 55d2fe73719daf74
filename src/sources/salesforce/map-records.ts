// Salesforce records → domain records. Salesforce sends null (not "") for empty fields, numbers as
// numbers and dates as YYYY-MM-DD; a record that cannot be read is reported and skipped.

import { isValidTimezone } from "../../domain/dates.ts";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  type Opportunity,
  type Rep,
  type Role,
} from "../../domain/model.ts";
import { parseCountry } from "../../domain/public-holidays.ts";
import { readSegment } from "../../domain/segments.ts";
import {
  type CrmRecord,
  type Mapped,
  mapRecords,
  present,
  type RecordReader,
  readRepSegment,
  readRole,
  readTier,
  valueAt,
} from "../crm/record-reader.ts";
import { type ResolvedFieldMap, type SalesforceObject, SOBJECT_NAMES } from "./field-map.ts";

export type SalesforceRecord = CrmRecord;
export { readTier, valueAt };

function mapAll<T>(
  records: SalesforceRecord[],
  object: SalesforceObject,
  map: Record<string, string | undefined>,
  read: (reader: RecordReader) => T,
): Mapped<T> {
  const label = (record: SalesforceRecord) =>
    `Salesforce ${SOBJECT_NAMES[object]} ${String(valueAt(record, "Id") ?? valueAt(record, map.email ?? "Email") ?? "?")}`;
  return mapRecords(records, map, label, read);
}

/**
 * Users as reps. Without a role field every user reads as an `ae` here; the source then works the
 * roles out from the hierarchy (see domain/roles.ts).
 */
export function mapUsers(records: SalesforceRecord[], map: ResolvedFieldMap): Mapped<Rep> {
  const hasRole = map.user.role !== undefined;
  return mapAll(records, "user", map.user, (r) => ({
    email: r.email("email") ?? (r.required("email") as string),
    name: r.required("name"),
    segment: r.choice("segment", readRepSegment, "SMB or MM"),
    timezone:
      r.choice("timezone", (text) => (isValidTimezone(text) ? text : undefined), "an IANA timezone") ?? "UTC",
    managerEmail: r.email("managerEmail"),
    role: hasRole
      ? (r.choice("role", readRole, "ae, manager or admin") ?? (r.required("role") as Role))
      : "ae",
    startDate: r.date("startDate"),
    ...holidayPlace(r.text("country"), r.text("region")),
  }));
}

/** `US` + `CA` → `US-CA` when the holiday library knows the region, else the country alone. */
function holidayPlace(country: string | null, region: string | null): { country?: string } {
  if (!country) return {};
  for (const place of region ? [`${country}-${region}`, country] : [country]) {
    const parsed = parseCountry(place);
    if ("country" in parsed) return { country: parsed.country };
  }
  return {};
}

export function mapAccounts(records: SalesforceRecord[], map: ResolvedFieldMap): Mapped<Account> {
  return mapAll(records, "account", map.account, (r) => ({
    id: r.required("id"),
    name: r.required("name"),
    ownerEmail: r.email("ownerEmail") ?? (r.required("ownerEmail") as string),
    segment: r.choice("segment", readSegment, "SMB, MM or Enterprise"),
    employees: r.number("employees"),
    tier: r.choice("tier", readTier, "1, 1.5, 2 or 3"),
    potentialUsers: r.number("potentialUsers"),
    tierNotes: r.text("tierNotes"),
    ...present("website", r.text("website")),
  }));
}

export function mapOpportunities(
  records: SalesforceRecord[],
  map: ResolvedFieldMap,
  instanceUrl: string,
): Mapped<Opportunity> {
  return mapAll(records, "opportunity", map.opportunity, (r) => {
    const commandPlan = {} as Opportunity["commandPlan"];
    for (const field of COMMAND_PLAN_FIELDS) commandPlan[field] = r.text(field);
    const id = r.required("id");
    return {
      id,
      name: r.required("name"),
      accountId: r.text("accountId") ?? "",
      ownerEmail: r.email("ownerEmail") ?? (r.required("ownerEmail") as string),
      stage: r.required("stage"),
      isClosed: r.boolean("isClosed"),
      isWon: r.boolean("isWon"),
      amount: r.number("amount"),
      iacv: r.number("iacv"),
      currency: r.text("currency") ?? undefined,
      closeDate: r.date("closeDate") ?? (r.required("closeDate") as string),
      nextStep: r.text("nextStep"),
      nextStepDate: r.date("nextStepDate"),
      deckUrl: r.text("deckUrl"),
      lastActivityDate: r.date("lastActivityDate"),
      howHeard: r.text("howHeard"),
      closedReason: r.text("closedReason"),
      commandPlan,
      url: `${instanceUrl}/lightning/r/Opportunity/${encodeURIComponent(id)}/view`,
    };
  });
}
