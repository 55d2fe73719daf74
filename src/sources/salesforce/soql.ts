// SOQL for one scan: one query per object, only the records that can matter.
import type { FieldMap } from "./field-map.ts";

/** A string literal for SOQL: backslashes and single quotes escaped. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

const ROLES = ["ae", "manager", "admin"];

function fields(map: Record<string, string>): string {
  return [...new Set(Object.values(map))].join(", ");
}

/** Relationship path to the owner's field, e.g. `Owner.Nudge_Role__c`. */
const ownerField = (userField: string): string => `Owner.${userField}`;

export function usersQuery(map: FieldMap): string {
  const role = map.user.role;
  return `SELECT ${fields(map.user)} FROM User WHERE IsActive = true AND ${role} IN (${ROLES.map(soqlString).join(", ")})`;
}

export function accountsQuery(map: FieldMap): string {
  const role = ownerField(map.user.role);
  return `SELECT ${fields(map.account)} FROM Account WHERE Owner.IsActive = true AND ${role} IN (${ROLES.map(soqlString).join(", ")})`;
}

export function opportunitiesQuery(map: FieldMap, closedWithinDays: number): string {
  const o = map.opportunity;
  const role = ownerField(map.user.role);
  return (
    `SELECT ${fields(o)} FROM Opportunity WHERE Owner.IsActive = true AND ${role} IN (${ROLES.map(soqlString).join(", ")})` +
    ` AND (${o.isClosed} = false OR ${o.closeDate} = LAST_N_DAYS:${Math.max(1, Math.floor(closedWithinDays))})`
  );
}
