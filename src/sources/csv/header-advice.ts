// What to tell someone whose opportunities.csv header matches no preset: which of their columns
// is most likely each missing field, and the exact `columns:` lines of the configuration file.
import type { ReportField } from "./report-columns.ts";

/** A header's letters and digits alone: "Owner_Email", "owner-email" and "OwnerEmail" are alike. */
const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * For each missing field (the owner as either `ownerEmail` or `ownerName`), the column of `header`
 * it most likely is, among the columns no field was found in: first one with the same letters as
 * the field or one of its labels, case and separators ignored; only then a near spelling.
 */
export function likelyColumns(
  missing: readonly ReportField[],
  header: readonly string[],
  claimed: ReadonlySet<number>,
  /** The preset's labels of a field. */
  labels: (field: ReportField) => readonly string[],
): Map<ReportField, string> {
  const namesOf = (field: ReportField) => [field, ...labels(field)].map(letters);
  const free = header.map((name, index) => ({ name, index, key: letters(name) }));
  const open = free.filter((column) => !claimed.has(column.index) && column.key !== "");
  const found = new Map<ReportField, string>();
  const take = (field: ReportField, index: number) => {
    const column = open.splice(index, 1)[0];
    if (column) found.set(field, column.name);
  };
  // An owner may be an email or a name: whichever the column looks like, the email first.
  const wanted = missing.flatMap((field): ReportField[] =>
    field === "ownerName" ? ["ownerEmail", "ownerName"] : [field],
  );
  const owner = (field: ReportField) => field === "ownerEmail" || field === "ownerName";
  const settled = (field: ReportField) =>
    found.has(field) || (owner(field) && (found.has("ownerEmail") || found.has("ownerName")));
  for (const field of wanted) {
    if (settled(field)) continue;
    const names = namesOf(field);
    const index = open.findIndex((column) => names.includes(column.key));
    if (index !== -1) take(field, index);
  }
  for (const field of wanted) {
    if (settled(field)) continue;
    const names = namesOf(field);
    const index = open.findIndex((column) => names.some((name) => near(name, column.key)));
    if (index !== -1) take(field, index);
  }
  return found;
}

/** A spelling one or two edits away (one for short names), or one name inside the other. */
function near(name: string, key: string): boolean {
  if (name.length >= 6 && key.length >= 6 && (key.includes(name) || name.includes(key))) return true;
  const allowed = Math.min(2, Math.floor(Math.min(name.length, key.length) / 4));
  return allowed > 0 && Math.abs(name.length - key.length) <= allowed && distance(name, key) <= allowed;
}

/** Levenshtein distance of two short strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** A header as a YAML value: plain when YAML reads it back as the same text, else double-quoted. */
export function yamlValue(text: string): string {
  const plain = /^[\p{L}][\p{L}\p{N} _.()/-]*$/u.test(text) && !/ $/.test(text);
  const special = /^(true|false|yes|no|on|off|y|n|null)$/i.test(text);
  return plain && !special ? text : JSON.stringify(text);
}
