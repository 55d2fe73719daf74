// SOQL for one scan: one query per object, only the fields the org has and the records that can matter.
import type { ResolvedFieldMap } from "./field-map.ts";

/** A string literal for SOQL: backslashes and single quotes escaped. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

const ROLES = ["ae", "manager", "admin"];

function fields(map: Record<string, string | undefined>): string {
  return [...new Set(Object.values(map).filter((path): path is string => path !== undefined))].join(", ");
}

/** `AND SystemModstamp > …`: only what changed since the last read (a datetime literal, unquoted). */
function changedSince(since: Date | undefined): string {
  return since ? ` AND SystemModstamp > ${since.toISOString().replace(/\.\d{3}Z$/, "Z")}` : "";
}

/**
 * Who is a rep: users with a nudgebot role when the org has a role field, else every active
 * standard user (roles are then worked out from the hierarchy and the records they own).
 */
function ownerFilter(map: ResolvedFieldMap, prefix: string): string {
  const role = map.user.role;
  const active = `${prefix}IsActive = true`;
  return role ? `${active} AND ${prefix}${role} IN (${ROLES.map(soqlString).join(", ")})` : active;
}

export function usersQuery(map: ResolvedFieldMap, since?: Date): string {
  const standard = map.user.role ? "" : " AND UserType = 'Standard'";
  // Id keys a user between a full read and the changes read after it.
  return `SELECT ${fields({ recordId: "Id", ...map.user })} FROM User WHERE ${ownerFilter(map, "")}${standard}${changedSince(since)}`;
}

export function accountsQuery(map: ResolvedFieldMap, since?: Date): string {
  return `SELECT ${fields(map.account)} FROM Account WHERE ${ownerFilter(map, "Owner.")}${changedSince(since)}`;
}

export function opportunitiesQuery(map: ResolvedFieldMap, closedWithinDays: number, since?: Date): string {
  const o = map.opportunity;
  return (
    `SELECT ${fields(o)} FROM Opportunity WHERE ${ownerFilter(map, "Owner.")}` +
    ` AND (${o.isClosed} = false OR ${o.closeDate} = LAST_N_DAYS:${Math.max(1, Math.floor(closedWithinDays))})` +
    changedSince(since)
  );
}

/** The org's stage order, later stages first (Opportunity.StageName holds the stage's API name). */
export const STAGES_QUERY =
  "SELECT ApiName, SortOrder, IsClosed FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder DESC";

/** Rates of a multi-currency org: units of each currency per one unit of the corporate currency. */
export const CURRENCIES_QUERY =
  "SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true";

/** Dated rates, in orgs with advanced currency management. */
export const DATED_RATES_QUERY =
  "SELECT IsoCode, ConversionRate, StartDate, NextStartDate FROM DatedConversionRate";
