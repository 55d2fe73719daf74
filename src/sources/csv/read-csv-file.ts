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
  const rows = new CsvRowReader(basename(path), spec);
  const tokenizer = new CsvTokenizer((record) => rows.add(record));
  try {
    const decoder = new StringDecoder("utf8");
    for await (const chunk of createReadStream(path, { highWaterMark: READ_BYTES })) {
      const bytes = chunk as Buffer;
      for (let start = 0; start < bytes.length; start += PIECE_BYTES)
        tokenizer.push(decoder.write(bytes.subarray(start, start + PIECE_BYTES)));
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
  return rows.finish();
}

/** Parses CSV text already in memory, exactly as readCsvFile parses a file. */
export function parseCsv<T>(text: string, file: string, spec: RowSpec<T>): CsvRows<T> {
  const rows = new CsvRowReader(file, spec);
  const tokenizer = new CsvTokenizer((record) => rows.add(record));
  tokenizer.push(text);
  tokenizer.end();
  return rows.finish();
}

/** Takes records in order: the first is the header, each later one a row to validate. */
class CsvRowReader<T> {
  private readonly file: string;
  private readonly spec: RowSpec<T>;
  private readonly values: T[] = [];
  private readonly lines: number[] = [];
  private readonly issues: SourceIssue[] = [];
  private header: string[] | null = null;
  private indexes: number[] = [];
  private readonly scratch: Record<string, unknown> = {};

  constructor(file: string, spec: RowSpec<T>) {
    this.file = file;
    this.spec = spec;
  }

  add(record: CsvRecord): void {
    if (this.header === null) {
      this.readHeader(record.fields);
      return;
    }
    const { file } = this;
    const { line } = record;
    if (record.unterminatedQuote) {
      this.skip(line, null, "a quoted value opened on this line is never closed");
      return;
    }
    if (record.fields.length !== this.header.length) {
      this.skip(line, null, `expected ${this.header.length} fields, found ${record.fields.length}`);
      return;
    }
    const value = readRow(
      this.spec,
      record.fields,
      this.indexes,
      this.spec.fields,
      (field, message) => this.issues.push({ severity: "skipped", file, line, field, message }),
      this.scratch,
    );
    if (value !== null) {
      this.values.push(value);
      this.lines.push(line);
    }
  }

  finish(): CsvRows<T> {
    if (this.header === null)
      throw new SourceError(
        `${this.file} is empty: expected a header row with ${this.spec.fields.join(",")}`,
      );
    return { values: this.values, lines: this.lines, issues: this.issues };
  }

  /** Finds each field's column; a missing one stops the read, since no row could be valid. */
  private readHeader(fields: string[]): void {
    const header = fields.map((name) => name.trim());
    this.header = header;
    this.indexes = this.spec.fields.map((field) => header.indexOf(field));
    const missing = this.spec.fields.filter((_, index) => this.indexes[index] === -1);
    if (missing.length > 0) {
      throw new SourceError(
        `${this.file} has no column ${missing.join(", ")}: expected the header ${this.spec.fields.join(",")}`,
      );
    }
  }

  private skip(line: number, field: string | null, message: string): void {
    this.issues.push({ severity: "skipped", file: this.file, line, field, message });
  }
}
