// Cell parsers for the CSV format of SPEC: an empty cell is missing, and every message names what was expected.
import { z } from "zod";
import { isIsoDate, isValidTimezone } from "../../domain/dates.ts";

const cell = z.string().optional();
const blankToNull = (value: string | undefined) => {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
};

export const optionalText = cell.transform(blankToNull);

export const requiredText = cell.transform((value, ctx) => {
  const text = blankToNull(value);
  if (text === null) {
    ctx.addIssue({ code: "custom", message: "is required but empty" });
    return z.NEVER;
  }
  return text;
});

function parsedCell<T>(expected: string, parse: (text: string) => T | undefined) {
  return cell.transform((value, ctx): T | null => {
    const text = blankToNull(value);
    if (text === null) return null;
    const parsed = parse(text);
    if (parsed === undefined) {
      ctx.addIssue({ code: "custom", message: `expected ${expected}, got "${text}"` });
      return z.NEVER;
    }
    return parsed;
  });
}

export function required<T>(schema: z.ZodType<T | null, string | undefined>) {
  return schema.transform((value, ctx) => {
    if (value === null) {
      ctx.addIssue({ code: "custom", message: "is required but empty" });
      return z.NEVER;
    }
    return value;
  });
}

export const optionalDate = parsedCell("a date as YYYY-MM-DD", (text) =>
  isIsoDate(text) ? text : undefined,
);
export const requiredDate = required(optionalDate);

export const optionalNumber = parsedCell("a plain number such as 12500", (text) =>
  /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined,
);

export const optionalCount = parsedCell("a whole number ≥ 0", (text) =>
  /^\d+$/.test(text) ? Number(text) : undefined,
);

export const requiredBoolean = required(
  parsedCell("true or false", (text) => {
    const lower = text.toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : undefined;
  }),
);

export const requiredEmail = required(
  parsedCell("an email address", (text) =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text.toLowerCase() : undefined,
  ),
);
export const optionalEmail = parsedCell("an email address", (text) =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text.toLowerCase() : undefined,
);

export function oneOf<const T extends readonly string[]>(values: T) {
  const byLower = new Map(values.map((value) => [value.toLowerCase(), value]));
  return parsedCell(
    `one of ${values.join(", ")}`,
    (text) => byLower.get(text.toLowerCase()) as T[number] | undefined,
  );
}

export const requiredTimezone = required(
  parsedCell("an IANA timezone such as America/New_York", (text) =>
    isValidTimezone(text) ? text : undefined,
  ),
);
