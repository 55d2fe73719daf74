// Reads one CSV file into validated records; a bad row becomes a SourceIssue and the rest goes on.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { SourceError } from "../../errors.ts";
import type { SourceIssue } from "../source.ts";

export interface CsvRows<T> {
  rows: { line: number; value: T }[];
  issues: SourceIssue[];
}

export async function readCsvFile<T>(
  path: string,
  columns: readonly string[],
  schema: z.ZodType<T, Record<string, string | undefined>>,
): Promise<CsvRows<T>> {
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SourceError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, {
      cause: error,
    });
  }
  return parseCsv(text, file, columns, schema);
}

export function parseCsv<T>(
  text: string,
  file: string,
  columns: readonly string[],
  schema: z.ZodType<T, Record<string, string | undefined>>,
): CsvRows<T> {
  const issues: SourceIssue[] = [];
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = typeof error?.lines === "number" ? error.lines : null;
      issues.push({
        severity: "skipped",
        file,
        line,
        field: null,
        message: error?.message ?? "unreadable row",
      });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...body] = records;
  if (!header) throw new SourceError(`${file} is empty: expected a header row with ${columns.join(",")}`);
  const names = header.record.map((name) => name.trim());
  const absent = columns.filter((column) => !names.includes(column));
  if (absent.length > 0) {
    throw new SourceError(
      `${file} has no column ${absent.join(", ")}: expected the header ${columns.join(",")}`,
    );
  }

  const rows: CsvRows<T>["rows"] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== names.length) {
      issues.push({
        severity: "skipped",
        file,
        line,
        field: null,
        message: `expected ${names.length} fields, found ${record.length}`,
      });
      continue;
    }
    const cells: Record<string, string | undefined> = {};
    names.forEach((name, index) => {
      cells[name] = record[index];
    });
    const result = schema.safeParse(cells);
    if (result.success) {
      rows.push({ line, value: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      issues.push({
        severity: "skipped",
        file,
        line,
        field: String(issue.path[0] ?? ""),
        message: issue.message,
      });
    }
  }
  return { rows, issues };
}
