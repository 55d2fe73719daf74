// Reads one CSV file into validated records; a bad row becomes a SourceIssue and the rest goes on.
// The file is streamed: each record is validated as it arrives and only domain values are kept.
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { SourceError } from "../../errors.ts";
import type { SourceIssue } from "../source.ts";
import { type CsvRecord, CsvTokenizer } from "./csv-tokenizer.ts";
import { type RowSpec, readRow } from "./row-spec.ts";

export interface CsvRows<T> {
  /** The valid rows' records, in file order; `lines[i]` is the line `values[i]` starts on. */
  values: T[];
  lines: number[];
  issues: SourceIssue[];
}

/** Bytes per read: few enough reads that the file system's round trips do not count. */
const READ_BYTES = 1024 * 1024;
/**
 * Bytes per decoded piece: a string this size stays in V8's young generation (a larger one is
 * allocated page by page from the OS, which costs more than the parsing).
 */
const PIECE_BYTES = 32 * 1024;

export async function readCsvFile<T>(path: string, spec: RowSpec<T>): Promise<CsvRows<T>> {
  return readCsvRows(path, exactColumns(basename(path), spec));
}

/** Reads a file whose columns are found from its header by `layout` (which throws when it cannot). */
export async function readCsvRows<T>(path: string, layout: ColumnLayout<T>): Promise<CsvRows<T>> {
  const rows = new CsvRowReader(basename(path), layout);
  await streamCsvRecords(path, (record) => {
    rows.add(record);
    return true;
  });
  return rows.finish();
}

/**
 * Streams a file's records to `onRecord` until it returns false; a SourceError it throws stops
 * the read and is passed on.
 */
export async function streamCsvRecords(
  path: string,
  onRecord: (record: CsvRecord) => boolean | undefined,
): Promise<void> {
  let reading = true;
  const tokenizer = new CsvTokenizer((record) => {
    if (reading && onRecord(record) === false) reading = false;
  });
  try {
    const decoder = new StringDecoder("utf8");
    const stream = createReadStream(path, { highWaterMark: READ_BYTES });
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      for (let start = 0; start < bytes.length && reading; start += PIECE_BYTES)
        tokenizer.push(decoder.write(bytes.subarray(start, start + PIECE_BYTES)));
      if (!reading) {
        stream.destroy();
        return;
      }
    }
    tokenizer.push(decoder.end());
  } catch (error) {
    // A header without the columns stops the read early; anything else is the file system.
    if (error instanceof SourceError) throw error;
    throw new SourceError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, {
      cause: error,
    });
  }
  tokenizer.end();
}

/** How a file's rows are read once its header is known. */
export interface ColumnLayout<T> {
  /** Expected header, for the message about an empty file. */
  expected: string;
  /** Called with the header: the row spec, each field's column position and its name for messages. */
  fromHeader(header: string[]): { spec: RowSpec<T>; indexes: number[]; names: readonly string[] };
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

/** Parses CSV text already in memory, exactly as readCsvFile parses a file. */
export function parseCsv<T>(text: string, file: string, spec: RowSpec<T>): CsvRows<T> {
  const rows = new CsvRowReader(file, exactColumns(file, spec));
  const tokenizer = new CsvTokenizer((record) => rows.add(record));
  tokenizer.push(text);
  tokenizer.end();
  return rows.finish();
}

/** Takes records in order: the first is the header, each later one a row to validate. */
class CsvRowReader<T> {
  private readonly file: string;
  private readonly layout: ColumnLayout<T>;
  private readonly values: T[] = [];
  private readonly lines: number[] = [];
  private readonly issues: SourceIssue[] = [];
  private columns: { spec: RowSpec<T>; indexes: number[]; names: readonly string[] } | null = null;
  private width = 0;
  private readonly scratch: Record<string, unknown> = {};

  constructor(file: string, layout: ColumnLayout<T>) {
    this.file = file;
    this.layout = layout;
  }

  add(record: CsvRecord): void {
    if (this.columns === null) {
      this.width = record.fields.length;
      this.columns = this.layout.fromHeader(record.fields.map((name) => name.trim()));
      return;
    }
    const { file } = this;
    const { line } = record;
    if (record.unterminatedQuote) {
      this.skip(line, null, "a quoted value opened on this line is never closed");
      return;
    }
    if (record.fields.length !== this.width) {
      this.skip(line, null, `expected ${this.width} fields, found ${record.fields.length}`);
      return;
    }
    const { spec, indexes, names } = this.columns;
    const value = readRow(
      spec,
      record.fields,
      indexes,
      names,
      (field, message) => this.issues.push({ severity: "skipped", file, line, field, message }),
      this.scratch,
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

  private skip(line: number, field: string | null, message: string): void {
    this.issues.push({ severity: "skipped", file: this.file, line, field, message });
  }
}
