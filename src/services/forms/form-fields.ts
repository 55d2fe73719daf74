// Field validators for modal forms: each message is a sentence shown next to its field in Slack.
import { z } from "zod";
import { isIsoDate } from "../../domain/dates.ts";

const raw = z.string().optional().nullable();
const blank = (value: string | null | undefined) => (value ?? "").trim() === "";

export const requiredText = (max = 3000) =>
  raw.transform((value, ctx) => {
    if (blank(value)) {
      ctx.addIssue({ code: "custom", message: "This is required." });
      return z.NEVER;
    }
    const text = (value ?? "").trim();
    if (text.length > max) {
      ctx.addIssue({ code: "custom", message: `Keep it under ${max} characters.` });
      return z.NEVER;
    }
    return text;
  });

export const optionalText = (max = 3000) =>
  raw.transform((value, ctx) => {
    if (blank(value)) return null;
    const text = (value ?? "").trim();
    if (text.length > max) {
      ctx.addIssue({ code: "custom", message: `Keep it under ${max} characters.` });
      return z.NEVER;
    }
    return text;
  });

export const requiredDate = raw.transform((value, ctx) => {
  if (blank(value) || !isIsoDate((value ?? "").trim())) {
    ctx.addIssue({ code: "custom", message: "Pick a date." });
    return z.NEVER;
  }
  return (value ?? "").trim();
});

/**
 * A number typed in a modal, at most `max`: without a bound, 400 digits parse to Infinity, which
 * is saved as null and turns every total built on it into nonsense.
 */
function number(options: { required: boolean; whole: boolean; max: number }) {
  return raw.transform((value, ctx): number | null => {
    if (blank(value)) {
      if (!options.required) return null;
      ctx.addIssue({ code: "custom", message: "Enter a number (0 if none)." });
      return z.NEVER;
    }
    const text = (value ?? "").trim().replace(/,/g, "");
    const parsed = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(parsed)) {
      ctx.addIssue({ code: "custom", message: "Enter a plain number, such as 1200." });
      return z.NEVER;
    }
    if (parsed < 0) {
      ctx.addIssue({ code: "custom", message: "Can't be negative." });
      return z.NEVER;
    }
    if (!Number.isFinite(parsed) || parsed > options.max) {
      ctx.addIssue({ code: "custom", message: `Enter ${options.max.toLocaleString("en-US")} or less.` });
      return z.NEVER;
    }
    if (options.whole && !Number.isInteger(parsed)) {
      ctx.addIssue({ code: "custom", message: "Enter a whole number." });
      return z.NEVER;
    }
    return parsed;
  });
}

export const amount = (max: number) =>
  number({ required: true, whole: false, max }).transform((value) => value ?? 0);
export const count = (max: number) =>
  number({ required: true, whole: true, max }).transform((value) => value ?? 0);
export const optionalAmount = (max: number) => number({ required: false, whole: false, max });

export const optionalUrl = raw.transform((value, ctx) => {
  if (blank(value)) return null;
  const text = (value ?? "").trim();
  try {
    const url = new URL(text);
    if (url.protocol === "https:" || url.protocol === "http:") return url.toString();
  } catch {
    // fall through to the message
  }
  ctx.addIssue({ code: "custom", message: "Enter a full link, starting with https://" });
  return z.NEVER;
});

export const yesNo = raw.transform((value) => (value === "yes" ? true : value === "no" ? false : null));

export function oneOf<const T extends readonly string[]>(values: T, fallback: T[number] | null) {
  return raw.transform((value, ctx): T[number] | null => {
    if (blank(value)) return fallback;
    if ((values as readonly string[]).includes(value ?? "")) return value as T[number];
    ctx.addIssue({ code: "custom", message: "Pick one of the options." });
    return z.NEVER;
  });
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

export type RawValues = Record<string, string | null | undefined>;

/** A check across fields, on the raw values, so it runs even when other fields are wrong. */
export type CrossCheck = (values: RawValues) => Record<string, string>;

/** The end date can't be before the start date (both picked, as `YYYY-MM-DD`). */
export const datesInOrder: CrossCheck = (values): Record<string, string> => {
  const start = values.startDate ?? "";
  const end = values.endDate ?? "";
  return isIsoDate(start) && isIsoDate(end) && end < start
    ? { endDate: "The end date can't be before the start date." }
    : {};
};

/**
 * Validates raw modal values; errors are keyed by field (the modal's block ids), one per field,
 * every field at once so the rep fixes the form in one go.
 */
export function validateForm<T>(
  schema: z.ZodType<T, RawValues>,
  values: RawValues,
  checks: CrossCheck[] = [],
): FormResult<T> {
  const result = schema.safeParse(values);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (!(field in errors)) errors[field] = issue.message;
    }
  }
  for (const check of checks) {
    for (const [field, message] of Object.entries(check(values)))
      if (!(field in errors)) errors[field] = message;
  }
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  return { ok: false, errors };
}
