// Reads one CSV file into validated records; a bad row becomes a SourceIssue and the rest goes on.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import Papa from "papaparse";
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
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SourceError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, {
      cause: error,
    });
  }
  return parseCsv(text, basename(path), columns, schema);
}

/**
 * Parses row by row (papaparse's step mode), validating each row as it comes so only domain
 * records are kept. A quote inside an unquoted field is taken literally, as spreadsheets write it.
 */
export function parseCsv<T>(
  input: string,
  file: string,
  columns: readonly string[],
  schema: z.ZodType<T, Record<string, string | undefined>>,
): CsvRows<T> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const issues: SourceIssue[] = [];
  const rows: CsvRows<T>["rows"] = [];
  const lines = lineCounter(text);
  let names: string[] | null = null;
  let missingColumns: string[] = [];

  Papa.parse<string[]>(text, {
    skipEmptyLines: true,
    step: (result, parser) => {
      const line = lines(result.meta.cursor);
      const record = result.data;
      if (names === null) {
        names = record.map((name) => name.trim());
        missingColumns = columns.filter((column) => !names?.includes(column));
        if (missingColumns.length > 0) parser.abort();
        return;
      }
      if (record.length !== names.length) {
        issues.push({
          severity: "skipped",
          file,
          line,
          field: null,
          message: `expected ${names.length} fields, found ${record.length}`,
        });
        return;
      }
      const cells: Record<string, string | undefined> = {};
      for (let index = 0; index < names.length; index++) cells[names[index] as string] = record[index];
      const parsed = schema.safeParse(cells);
      if (parsed.success) {
        rows.push({ line, value: parsed.data });
        return;
      }
      for (const issue of parsed.error.issues) {
        issues.push({
          severity: "skipped",
          file,
          line,
          field: String(issue.path[0] ?? ""),
          message: issue.message,
        });
      }
    },
  });

  if (names === null)
    throw new SourceError(`${file} is empty: expected a header row with ${columns.join(",")}`);
  if (missingColumns.length > 0) {
    throw new SourceError(
      `${file} has no column ${missingColumns.join(", ")}: expected the header ${columns.join(",")}`,
    );
  }
  return { rows, issues };
}

/**
 * Given the offset just past each row, in order, returns the row's first line (1-based), counting
 * the newlines in between once: linear in the file's size.
 */
function lineCounter(text: string): (rowEnd: number) => number {
  let offset = 0;
  let line = 1;
  return (rowEnd) => {
    // Skip the line break(s) that ended the previous row: the row starts after them.
    while (offset < rowEnd && (text[offset] === "\n" || text[offset] === "\r")) {
      if (text[offset] === "\n") line += 1;
      offset += 1;
    }
    const start = line;
    for (
      let next = text.indexOf("\n", offset);
      next !== -1 && next < rowEnd;
      next = text.indexOf("\n", next + 1)
    ) {
      line += 1;
    }
    offset = rowEnd;
    return start;
  };
}
