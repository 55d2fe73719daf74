// Value parsers for what CRM report exports write: money with symbols, codes and thousands
// separators, yes/no booleans, and dates in the file's own order of day and month.
import { isIsoDate } from "../../domain/dates.ts";
import { boundedNumber, INVALID, remembered, type ValueParser } from "./cell-parsers.ts";
import type { DateFormat } from "./csv-settings.ts";

const PLAIN = /^-?\d+(\.\d+)?$/;

/** `$12,500.00`, `USD 12,500.00`, `12 500,00 €` (with `,` as the decimal separator), `-300`. */
export function money(decimalSeparator: "." | ","): ValueParser<number> {
  const fast = decimalSeparator === "." ? PLAIN : /^-?\d+$/;
  const grouping = decimalSeparator === "." ? /[,\s'\u00a0\u202f]/g : /[.\s'\u00a0\u202f]/g;
  return {
    expected:
      decimalSeparator === "."
        ? "an amount such as 12500, 12,500.00 or $12,500.00"
        : "an amount such as 12500, 12.500,00 or 12.500,00 €",
    parse: (value) => {
      // Most cells are plain numbers already; with "," as the decimal separator, "12.500" is not.
      if (fast.test(value)) return boundedNumber(value);
      const bare = value
        .replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, "")
        .replace(/[$€£¥₹]/g, "")
        .replace(grouping, "");
      const normal = decimalSeparator === "," ? bare.replace(",", ".") : bare;
      return PLAIN.test(normal) ? boundedNumber(normal) : INVALID;
    },
  };
}

const YES = new Set(["true", "1", "yes", "y"]);
const NO = new Set(["false", "0", "no", "n"]);
export const yesOrNo: ValueParser<boolean> = {
  expected: "true/false, 1/0 or yes/no",
  parse: (value) => {
    const lower = value.toLowerCase();
    return YES.has(lower) ? true : NO.has(lower) ? false : INVALID;
  },
};

/** An ISO 4217 code such as EUR, upper-cased. */
export const currencyCode: ValueParser<string> = remembered({
  expected: "a currency code such as USD or EUR",
  parse: (value) => (/^[A-Za-z]{3}$/.test(value) ? value.toUpperCase() : INVALID),
});

const PARTS = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/;

/** Dates in one known format (ISO dates are always read too). */
export function dateIn(format: Exclude<DateFormat, "auto">): ValueParser<string> {
  return remembered({
    expected: format === "YYYY-MM-DD" ? "a date as YYYY-MM-DD" : `a date as ${format} or YYYY-MM-DD`,
    parse: (value) => {
      if (isIsoDate(value)) return value;
      const match = PARTS.exec(value);
      if (!match || format === "YYYY-MM-DD") return INVALID;
      if ((match[2] === ".") !== (format === "DD.MM.YYYY")) return INVALID;
      const [first, second, year] = [match[1] ?? "", match[3] ?? "", match[4] ?? ""];
      const [month, day] = format === "MM/DD/YYYY" ? [first, second] : [second, first];
      const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
      return isIsoDate(iso) ? iso : INVALID;
    },
  });
}

/** What a file's slashed dates say about their order: a part above 12 can only be the day. */
export class DateEvidence {
  private dayFirst: string | null = null;
  private monthFirst: string | null = null;
  private ambiguous: string | null = null;
  private dotted = false;

  add(value: string): void {
    const match = PARTS.exec(value.trim());
    if (!match) return;
    if (match[2] === ".") {
      this.dotted = true;
      return;
    }
    const first = Number(match[1]);
    const second = Number(match[3]);
    if (first > 12 && second <= 12) this.dayFirst ??= value;
    else if (second > 12 && first <= 12) this.monthFirst ??= value;
    else this.ambiguous ??= value;
  }

  /** The format, or a sentence saying why the file cannot tell. */
  decide(): Exclude<DateFormat, "auto"> | { problem: string } {
    if (this.dayFirst && this.monthFirst) {
      return {
        problem: `dates are written both day first ("${this.dayFirst}") and month first ("${this.monthFirst}"); fix the export or set csv.dateFormat`,
      };
    }
    if (this.dayFirst) return "DD/MM/YYYY";
    if (this.monthFirst) return "MM/DD/YYYY";
    if (this.ambiguous) {
      return {
        problem: `dates such as "${this.ambiguous}" could be day or month first and no date in the file tells which; set csv.dateFormat to MM/DD/YYYY or DD/MM/YYYY`,
      };
    }
    return this.dotted ? "DD.MM.YYYY" : "YYYY-MM-DD";
  }
}
