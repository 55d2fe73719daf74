// Reads one CSV file into validated records; a bad row becomes a SourceIssue and the rest goes on.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
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
  try {
    // Fail here, with a clear message, rather than as a stream error half-way through.
    await (await open(path, "r")).close();
  } catch (error) {
    throw new SourceError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, {
      cause: error,
    });
  }
  return parseCsv(createReadStream(path), basename(path), columns, schema);
}

/**
 * Streams the rows through the parser so a large export never sits in memory twice; only the
 * validated records are kept.
 */
export async function parseCsv<T>(
  input: Readable | string,
  file: string,
  columns: readonly string[],
  schema: z.ZodType<T, Record<string, string | undefined>>,
): Promise<CsvRows<T>> {
  const issues: SourceIssue[] = [];
  const parser = (typeof input === "string" ? Readable.from([input]) : input).pipe(
    parse({
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
    }),
  );

  let names: string[] | null = null;
  const rows: CsvRows<T>["rows"] = [];
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (names === null) {
      names = record.map((name) => name.trim());
      const absent = columns.filter((column) => !names?.includes(column));
      if (absent.length > 0) {
        parser.destroy();
        throw new SourceError(
          `${file} has no column ${absent.join(", ")}: expected the header ${columns.join(",")}`,
        );
      }
      continue;
    }
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
    for (let index = 0; index < names.length; index++) cells[names[index] as string] = record[index];
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
  if (names === null)
    throw new SourceError(`${file} is empty: expected a header row with ${columns.join(",")}`);
  return { rows, issues };
}
