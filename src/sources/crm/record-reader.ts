// Reading CRM records (JSON objects) into domain values: one getter per domain field compiled once,
// a reader that notes each value it cannot read, and records that cannot be read reported and skipped.
import { isIsoDate } from "../../domain/dates.ts";
import type { Role, Segment, Tier } from "../../domain/model.ts";
import { readSegment } from "../../domain/segments.ts";
import type { SourceIssue } from "../source.ts";

export type CrmRecord = Record<string, unknown>;

/** A value at a field path, following relationships: `Owner.Email`. */
export function valueAt(record: CrmRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

type Getter = (record: CrmRecord) => unknown;

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
          ? (record) => (record[head as string] as CrmRecord | null)?.[second as string] ?? null
          : (record) => valueAt(record, path),
    );
  }
  return getters;
}

export class RecordReader {
  problems: { field: string; message: string }[] = [];
  private record: CrmRecord = {};

  constructor(
    private readonly getters: Map<string, Getter>,
    private readonly map: Record<string, string | undefined>,
  ) {}

  /** Points the reader at the next record (one reader serves a whole read). */
  reset(record: CrmRecord): this {
    this.record = record;
    if (this.problems.length > 0) this.problems = [];
    return this;
  }

  raw(field: string): unknown {
    const get = this.getters.get(field);
    return get ? get(this.record) : null;
  }

  fail(field: string, message: string): null {
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

/** A rep is SMB or Mid-Market; an Enterprise value on a person is not a segment of this team. */
export const readRepSegment = (text: string): Segment | undefined => {
  const segment = readSegment(text);
  return segment === "Enterprise" ? undefined : segment;
};
export const readTier = (text: string): Tier | undefined => {
  const key = text
    .toLowerCase()
    .replace(/^tier[\s_]*/, "")
    .trim();
  return (["1", "1.5", "2", "3"] as const).find((tier) => tier === key || Number(tier) === Number(key));
};
export const readRole = (text: string): Role | undefined =>
  (["ae", "manager", "admin"] as const).find((role) => role === text.toLowerCase());

/**
 * `{ [key]: value }`, or nothing when the record has no value: a field the domain added later stays
 * absent (not null) where the CRM has none, as records from before it were.
 */
export function present<K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> {
  return value === null ? {} : ({ [key]: value } as Record<K, V>);
}

export interface Mapped<T> {
  values: T[];
  issues: SourceIssue[];
}

/** Every record read by `read`; one that cannot be read is reported under `label(record)` and skipped. */
export function mapRecords<T>(
  records: Iterable<CrmRecord>,
  map: Record<string, string | undefined>,
  label: (record: CrmRecord) => string,
  read: (reader: RecordReader, record: CrmRecord) => T,
): Mapped<T> {
  const values: T[] = [];
  const issues: SourceIssue[] = [];
  const reader = new RecordReader(compile(map), map);
  for (const record of records) {
    const value = read(reader.reset(record), record);
    if (reader.problems.length === 0) {
      values.push(value);
      continue;
    }
    for (const problem of reader.problems) {
      issues.push({
        severity: "skipped",
        file: label(record),
        line: null,
        field: problem.field,
        message: problem.message,
      });
    }
  }
  return { values, issues };
}
