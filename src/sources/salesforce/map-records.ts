// Salesforce records → domain records. Salesforce sends null (not "") for empty fields, numbers as
// numbers and dates as YYYY-MM-DD; a record that cannot be read is reported and skipped.

import { isIsoDate, isValidTimezone } from "../../domain/dates.ts";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  type Opportunity,
  type Rep,
  type Role,
  type Segment,
  type Tier,
} from "../../domain/model.ts";
import { parseCountry } from "../../domain/public-holidays.ts";
import { readSegment } from "../../domain/segments.ts";
import type { SourceIssue } from "../source.ts";
import { type ResolvedFieldMap, type SalesforceObject, SOBJECT_NAMES } from "./field-map.ts";

export type SalesforceRecord = Record<string, unknown>;

/** A value at a field path, following relationships: `Owner.Email`. */
export function valueAt(record: SalesforceRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

type Getter = (record: SalesforceRecord) => unknown;

/** One getter per domain field, with its path split once rather than once per record. */
function compile(map: Record<string, string | undefined>): Map<string, Getter> {
  const getters = new Map<string, Getter>();
  for (const [field, path] of Object.entries(map)) {
    if (path === undefined) continue;
    const parts = path.split(".");
    const [head, second] = parts;
    getters.set(
      field,
      parts.length === 1
        ? (record) => record[head as string] ?? null
        : parts.length === 2
          ? (record) => (record[head as string] as SalesforceRecord | null)?.[second as string] ?? null
          : (record) => valueAt(record, path),
    );
  }
  return getters;
}

class RecordReader {
  problems: { field: string; message: string }[] = [];
  private record: SalesforceRecord = {};

  constructor(
    private readonly getters: Map<string, Getter>,
    private readonly map: Record<string, string | undefined>,
  ) {}

  /** Points the reader at the next record (one reader serves a whole query). */
  reset(record: SalesforceRecord): this {
    this.record = record;
    if (this.problems.length > 0) this.problems = [];
    return this;
  }

  private raw(field: string): unknown {
    const get = this.getters.get(field);
    return get ? get(this.record) : null;
  }

  private fail(field: string, message: string): null {
    this.problems.push({ field: this.map[field] ?? field, message });
    return null;
  }

  text(field: string): string | null {
    const value = this.raw(field);
    if (value === null) return null;
    const text = String(value).trim();
    return text === "" ? null : text;
  }

  required(field: string): string {
    return this.text(field) ?? (this.fail(field, "is required but empty") as never) ?? "";
  }

  number(field: string): number | null {
    const value = this.raw(field);
    if (value === null || value === "") return null;
    const parsed = typeof value === "number" ? value : Number(value);
    return Number.isFinite(parsed)
      ? parsed
      : this.fail(field, `expected a number, got ${JSON.stringify(value)}`);
  }

  boolean(field: string): boolean {
    const value = this.raw(field);
    if (typeof value === "boolean") return value;
    this.fail(field, `expected true or false, got ${JSON.stringify(value)}`);
    return false;
  }

  date(field: string): string | null {
    const value = this.text(field);
    if (value === null) return null;
    // Datetime fields come as 2026-03-10T15:00:00.000+0000: their date is what counts.
    const date = value.slice(0, 10);
    return isIsoDate(date) ? date : this.fail(field, `expected a date, got "${value}"`);
  }

  email(field: string): string | null {
    const value = this.text(field);
    return value === null ? null : value.toLowerCase();
  }

  choice<T extends string>(field: string, read: (text: string) => T | undefined, expected: string): T | null {
    const value = this.text(field);
    if (value === null) return null;
    return read(value) ?? this.fail(field, `expected ${expected}, got "${value}"`);
  }
}

/** A rep is SMB or Mid-Market; an Enterprise value on a user is not a segment of this team. */
const readRepSegment = (text: string): Segment | undefined => {
  const segment = readSegment(text);
  return segment === "Enterprise" ? undefined : segment;
};
export const readTier = (text: string): Tier | undefined => {
  const key = text
    .toLowerCase()
    .replace(/^tier\s*/, "")
    .trim();
  return (["1", "1.5", "2", "3"] as const).find((tier) => tier === key || Number(tier) === Number(key));
};
const readRole = (text: string): Role | undefined =>
  (["ae", "manager", "admin"] as const).find((role) => role === text.toLowerCase());

export interface Mapped<T> {
  values: T[];
  issues: SourceIssue[];
}

function mapAll<T>(
  records: SalesforceRecord[],
  object: SalesforceObject,
  map: Record<string, string | undefined>,
  read: (reader: RecordReader) => T,
): Mapped<T> {
  const values: T[] = [];
  const issues: SourceIssue[] = [];
  const reader = new RecordReader(compile(map), map);
  for (const record of records) {
    const value = read(reader.reset(record));
    if (reader.problems.length === 0) {
      values.push(value);
      continue;
    }
    const id = String(valueAt(record, "Id") ?? valueAt(record, map.email ?? "Email") ?? "?");
    for (const problem of reader.problems) {
      issues.push({
        severity: "skipped",
        file: `Salesforce ${SOBJECT_NAMES[object]} ${id}`,
        line: null,
        field: problem.field,
        message: problem.message,
      });
    }
  }
  return { values, issues };
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
