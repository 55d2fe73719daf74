// Cell parsers for the CSV files: an empty cell is missing, and every message names what was expected.
// Plain functions rather than a schema object per row: a 100,000-row file is validated without
// allocating anything but the values it keeps.
import { isIsoDate, isValidTimezone } from "../../domain/dates.ts";
import { detached } from "./text-pool.ts";

/** Returned by a parser for text it cannot read. */
export const INVALID: unique symbol = Symbol("invalid");

/** How one kind of value is read from a non-empty, trimmed cell. */
export interface ValueParser<T> {
  /** What a valid value looks like, for messages: "a date as YYYY-MM-DD". */
  readonly expected: string;
  parse(text: string): T | typeof INVALID;
}

/** A column's cell: its parser, and whether an empty cell is a problem. */
export interface Cell<T> {
  readonly parser: ValueParser<T>;
  readonly required: boolean;
}

export type CellValue<C> = C extends Cell<infer T> ? (C extends { required: true } ? T : T | null) : never;

export function optional<T>(parser: ValueParser<T>): Cell<T> & { required: false } {
  return { parser, required: false };
}

export function required<T>(parser: ValueParser<T>): Cell<T> & { required: true } {
  return { parser, required: true };
}

/** Reads one cell: trims it, treats blank as missing, and says what was wrong otherwise. */
export function readCell<T>(cell: Cell<T>, raw: string | undefined): T | null | CellProblem {
  const text = raw === undefined ? "" : raw.trim();
  if (text === "") return cell.required ? REQUIRED_BUT_EMPTY : null;
  const value = cell.parser.parse(text);
  if (value === INVALID) return new CellProblem(`expected ${cell.parser.expected}, got ${quoted(text)}`);
  return value;
}

/** Characters of a bad value shown in its message: enough to find it, never a whole document. */
const SHOWN = 100;

/** A cell's text as a message quotes it: a long one cut, with its length. */
export function quoted(text: string): string {
  if (text.length <= SHOWN) return `"${text}"`;
  return `"${text.slice(0, SHOWN)}…" (${text.length.toLocaleString("en-US")} characters)`;
}

/** Why a cell could not be read; a class so it is never mistaken for a value. */
export class CellProblem {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const REQUIRED_BUT_EMPTY = new CellProblem("is required but empty");

export const text: ValueParser<string> = { expected: "text", parse: (value) => value };

/**
 * Remembers what each distinct text parsed to. For columns with few distinct values (dates, owner
 * emails) every row then shares one string instead of keeping its own copy, and is checked once.
 * The text is copied before it is kept: it outlives the read, and must not hold the file's text.
 */
export function remembered<T>(parser: ValueParser<T>, limit = 10_000): ValueParser<T> {
  const seen = new Map<string, T | typeof INVALID>();
  return {
    expected: parser.expected,
    parse: (value) => {
      let parsed = seen.get(value);
      if (parsed === undefined) {
        const own = detached(value);
        parsed = parser.parse(own);
        if (seen.size < limit) seen.set(own, parsed);
      }
      return parsed;
    },
  };
}

export const isoDate: ValueParser<string> = remembered({
  expected: "a date as YYYY-MM-DD",
  parse: (value) => (isIsoDate(value) ? value : INVALID),
});

/**
 * Larger than any real amount or head count: a cell past it is a typo or a corrupt export (400
 * digits would become Infinity and sort and compare as nonsense), so its row is reported instead.
 */
export const LARGEST_NUMBER = 1e15;

/** `Number(text)` when it is within ±LARGEST_NUMBER, else INVALID. */
export function boundedNumber(text: string): number | typeof INVALID {
  const number = Number(text);
  return Math.abs(number) <= LARGEST_NUMBER ? number : INVALID;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
export const plainNumber: ValueParser<number> = {
  expected: "a plain number such as 12500",
  parse: (value) => (PLAIN_NUMBER.test(value) ? boundedNumber(value) : INVALID),
};

const WHOLE_NUMBER = /^\d+$/;
export const count: ValueParser<number> = {
  expected: "a whole number ≥ 0",
  parse: (value) => (WHOLE_NUMBER.test(value) ? boundedNumber(value) : INVALID),
};

export const trueOrFalse: ValueParser<boolean> = {
  expected: "true or false",
  parse: (value) => {
    const lower = value.toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : INVALID;
  },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email: ValueParser<string> = remembered({
  expected: "an email address",
  parse: (value) => (EMAIL.test(value) ? value.toLowerCase() : INVALID),
});

export function oneOf<const T extends readonly string[]>(values: T): ValueParser<T[number]> {
  const byLower = new Map<string, T[number]>(values.map((value) => [value.toLowerCase(), value]));
  return {
    expected: `one of ${values.join(", ")}`,
    parse: (value) => byLower.get(value.toLowerCase()) ?? INVALID,
  };
}

export const timezone: ValueParser<string> = {
  expected: "an IANA timezone such as America/New_York",
  parse: (value) => (isValidTimezone(value) ? value : INVALID),
};
