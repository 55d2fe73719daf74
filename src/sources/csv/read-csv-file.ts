// Reads one CSV file into validated records; a bad row becomes a SourceIssue and the rest goes on.
// The file is streamed: each record is validated as it arrives and only domain values are kept.
import { basename } from "node:path";
import { SourceError } from "../../errors.ts";
import type { SourceIssue } from "../source.ts";
import { text } from "./cell-parsers.ts";
import { type CsvDelimiter, delimiterError, otherDelimiter } from "./delimiter.ts";
import { type RowSpec, readRow } from "./row-spec.ts";
import { type CsvRecord, streamCsvRecords } from "./stream-csv-records.ts";
import { detached, TextPool } from "./text-pool.ts";

/**
 * Characters kept of one cell. No field of a pipeline needs more, and a longer one (a whole
 * document pasted in, a quote that swallowed many rows) would otherwise be kept and echoed whole.
 */
export const MAX_CELL = 10_000;

export interface CsvRows<T> {
  /** The valid rows' records, in file order; `lines[i]` is the line `values[i]` starts on. */
  values: T[];
  lines: number[];
  issues: SourceIssue[];
}

export async function readCsvFile<T>(
  path: string,
  spec: RowSpec<T>,
  delimiter: CsvDelimiter = ",",
): Promise<CsvRows<T>> {
  return readCsvRows(path, exactColumns(basename(path), spec), delimiter);
}

/** Reads a file whose columns are found from its header by `layout` (which throws when it cannot). */
export async function readCsvRows<T>(
  path: string,
  layout: ColumnLayout<T>,
  delimiter: CsvDelimiter = ",",
): Promise<CsvRows<T>> {
  const rows = new CsvRowReader(basename(path), layout, delimiter);
  await streamCsvRecords(
    path,
    (record) => {
      rows.add(record);
      return true;
    },
    { delimiter },
  );
  return rows.finish();
}

/** How a file's rows are read once its header is known. */
export interface ColumnLayout<T> {
  /** Expected header, for the message about an empty file. */
  expected: string;
  /** Called with the header: the row spec, each field's column position and its name for messages. */
  fromHeader(header: string[]): LaidOut<T>;
}

/** A file's row spec, each field's column position and its name for messages. */
export interface LaidOut<T> {
  spec: RowSpec<T>;
  indexes: number[];
  names: readonly string[];
}

/** Every field of `spec` must be a column with exactly its name (the native format). */
export function exactColumns<T>(file: string, spec: RowSpec<T>): ColumnLayout<T> {
  const expected = spec.fields.filter((field) => !spec.optionalColumns?.includes(field)).join(",");
  return {
    expected,
    fromHeader: (header) => {
      const indexes = spec.fields.map((field) => header.indexOf(field));
      const missing = spec.fields.filter(
        (field, index) => indexes[index] === -1 && !spec.optionalColumns?.includes(field),
      );
      if (missing.length > 0)
        throw new SourceError(`${file} has no column ${missing.join(", ")}: expected the header ${expected}`);
      return { spec, indexes, names: spec.fields };
    },
  };
}

/** Takes records in order: the first is the header, each later one a row to validate. */
class CsvRowReader<T> {
  private readonly file: string;
  private readonly layout: ColumnLayout<T>;
  private readonly values: T[] = [];
  private readonly lines: number[] = [];
  private readonly issues: SourceIssue[] = [];
  private columns: LaidOut<T> | null = null;
  private width = 0;
  private header: string[] = [];
  private readonly scratch: Record<string, unknown> = {};
  /**
   * One per text field, so a 100,000-row file keeps each repeated value once. Parsed fields
   * (dates, emails, codes) are shared by their parsers already.
   */
  private pools: (TextPool | undefined)[] = [];

  constructor(
    file: string,
    layout: ColumnLayout<T>,
    private readonly delimiter: CsvDelimiter,
  ) {
    this.file = file;
    this.layout = layout;
  }

  add(record: CsvRecord): void {
    if (this.columns === null) {
      this.width = record.fields.length;
      this.header = record.fields.map((name) => name.trim());
      this.columns = this.fromHeader(this.header);
      this.pools = this.columns.spec.cells.map((cell) => (cell.parser === text ? new TextPool() : undefined));
      return;
    }
    const { file } = this;
    const { line } = record;
    if (record.unclosedQuoteLine !== undefined) {
      const quoteLine = record.unclosedQuoteLine;
      const row = quoteLine === line ? "" : ` (its row starts on line ${line})`;
      this.skip(
        quoteLine,
        null,
        `a quoted value opened on this line is never closed${row}; reading goes on at the next line`,
      );
      return;
    }
    if (record.fields.length !== this.width) {
      this.skip(line, null, `expected ${this.width} fields, found ${record.fields.length}`);
      return;
    }
    const { spec, indexes, names } = this.columns;
    for (const index of indexes) {
      const cell = record.fields[index];
      if (cell !== undefined && cell.length > MAX_CELL) record.fields[index] = this.cut(line, index, cell);
    }
    const value = readRow(
      spec,
      record.fields,
      indexes,
      names,
      (field, message) => this.issues.push({ severity: "skipped", file, line, field, message }),
      this.scratch,
      this.pools,
    );
    if (value !== null) {
      this.values.push(value);
      this.lines.push(line);
    }
  }

  finish(): CsvRows<T> {
    if (this.columns === null)
      throw new SourceError(`${this.file} is empty: expected a header row with ${this.layout.expected}`);
    return { values: this.values, lines: this.lines, issues: this.issues };
  }

  /** The layout's columns; a header that does not fit because of its delimiter says so. */
  private fromHeader(header: string[]): LaidOut<T> {
    try {
      return this.layout.fromHeader(header);
    } catch (error) {
      const other = otherDelimiter(header, this.delimiter);
      if (error instanceof SourceError && other !== null)
        throw delimiterError(this.file, header, this.delimiter, other);
      throw error;
    }
  }

  /** The first MAX_CELL characters of a longer cell, with a warning that names its line and column. */
  private cut(line: number, index: number, cell: string): string {
    const count = (value: number) => value.toLocaleString("en-US");
    this.issues.push({
      severity: "warning",
      file: this.file,
      line,
      field: this.header[index] || `column ${index + 1}`,
      message: `the value in column ${index + 1} has ${count(cell.length)} characters; only its first ${count(MAX_CELL)} are read`,
    });
    return detached(cell.slice(0, MAX_CELL));
  }

  private skip(line: number, field: string | null, message: string): void {
    this.issues.push({ severity: "skipped", file: this.file, line, field, message });
  }
}
