// Streams a CSV file's records through papaparse, knowing the line each record starts on.
//
// papaparse reads what spreadsheets and CRMs export: CRLF, LF or CR line ends (decided from the
// file's first piece), quoted values with commas, doubled quotes and line breaks inside, a quote
// inside an unquoted value taken literally, blank lines skipped. The file is read piece by piece
// and each record handed on as it is parsed, so memory stays bounded whatever the file's size.
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import { SourceError } from "../../errors.ts";

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** Set when the file ended inside a quoted value: the last field is everything after that quote. */
  unterminatedQuote?: true;
}

/**
 * Bytes per read. Small enough that each piece, even with the unparsed end of the previous one
 * and in two-byte characters, stays a young-generation string in V8 (larger reads measured 2-3x
 * slower); large enough that papaparse, which decides the line ending by a majority of the line
 * breaks in its first piece, sees dozens of lines.
 */
const READ_BYTES = 32 * 1024;

/** Reads between two turns of the event loop: a large file never holds up other work for long. */
const READS_PER_TURN = 32;

const BOM = 0xfeff;

/**
 * The part of papaparse that parses one piece of a text after another, keeping the line ending and
 * settings of the first: what its own file streamer uses, without a Node stream in between.
 */
interface PieceParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { meta: { cursor: number } };
  abort(): void;
  aborted(): boolean;
}
type StepResult = Papa.ParseStepResult<string[]>;
const ParserHandle = (
  Papa as unknown as {
    ParserHandle: new (
      config: Papa.ParseConfig<string[]> & { step(result: StepResult, parser: PieceParser): void },
    ) => PieceParser;
  }
).ParserHandle;

/**
 * Streams a file's records to `onRecord` until it returns false; an error it throws stops the
 * read and is passed on. `readBytes` is the size of each read (smaller only to test cut points).
 *
 * The file is read with plain blocking reads into one buffer: a stream's reads each pass through
 * the thread pool and a fresh buffer, which cost a 100,000-row file more than parsing it.
 */
export async function streamCsvRecords(
  path: string,
  onRecord: (record: CsvRecord) => boolean | undefined,
  readBytes = READ_BYTES,
): Promise<void> {
  const fd = attempt(path, () => openSync(path, "r"));
  try {
    const lines = new LineCounter();
    let failure: { error: unknown } | null = null;
    const parser = new ParserHandle({
      delimiter: ",",
      skipEmptyLines: true,
      step: (result, handle) => {
        const record: CsvRecord = {
          fields: result.data,
          line: lines.lineEndingAt(result.meta.cursor, result.meta.linebreak),
        };
        if (result.errors.some((error) => error.code === "MissingQuotes")) record.unterminatedQuote = true;
        let more: boolean;
        try {
          more = onRecord(record) !== false;
        } catch (error) {
          failure = { error };
          more = false;
        }
        if (!more) handle.abort();
      },
    });
    const buffer = Buffer.allocUnsafe(readBytes);
    // A character cut between two reads is held back until the next one completes it.
    const decoder = new StringDecoder("utf8");
    let unparsed = "";
    let start = 0;
    let first = true;
    for (let reads = 1; ; reads++) {
      const size = attempt(path, () => readSync(fd, buffer, 0, readBytes, null));
      const finished = size === 0;
      let piece = finished ? decoder.end() : decoder.write(buffer.subarray(0, size));
      if (piece === "" && !finished) continue;
      if (first && piece !== "") {
        piece = withoutBom(piece);
        first = false;
      }
      // papaparse leaves a record cut by the end of the piece for the next one, and says where.
      const text = unparsed + piece;
      lines.add(text, start);
      const { cursor } = parser.parse(text, start, !finished).meta;
      if (failure) throw (failure as { error: unknown }).error;
      if (finished || parser.aborted()) return;
      unparsed = text.substring(cursor - start);
      start = cursor;
      if (reads % READS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}

/** Runs a file operation, turning its failure into a message that names the file. */
function attempt<T>(path: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(`Cannot read ${path}: ${code ?? (error as Error).message}`, { cause: error });
  }
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/**
 * The line each record starts on, from papaparse's cursor (the offset just past the record, in the
 * text without its BOM). Holds only the text not yet consumed, so memory stays bounded.
 */
class LineCounter {
  /** Text from offset `start` on, as read so far. */
  private text = "";
  private start = 0;
  /** Offset up to which line breaks are counted, and the line found there. */
  private consumed = 0;
  private line = 1;

  /**
   * The text papaparse parses next (without the file's BOM), from offset `start` on: the same
   * string, not a copy. Line breaks after the last record and before `start` (blank lines) are
   * still to be counted, so they are kept in front of it.
   */
  add(text: string, start: number): void {
    if (start > this.consumed) {
      this.text = this.text.slice(this.consumed - this.start, start - this.start) + text;
      this.start = this.consumed;
    } else {
      this.text = text;
      this.start = start;
    }
  }

  /**
   * The line of the record ending at `end`: past the blank lines before it (which papaparse
   * skips without a word), then every line break up to `end` moves the count on. `linebreak` is
   * the one papaparse uses: a lone CR for old Mac files; otherwise LF ends a line, with or
   * without a CR before it.
   */
  lineEndingAt(end: number, linebreak: string): number {
    const breakChar = linebreak === "\r" ? "\r" : "\n";
    const { text } = this;
    const stop = end - this.start;
    let at = this.consumed - this.start;
    for (; at < stop; at += 1) {
      const char = text[at];
      if (char !== "\n" && char !== "\r") break;
      if (char === breakChar) this.line += 1;
    }
    const line = this.line;
    let next = text.indexOf(breakChar, at);
    while (next !== -1 && next < stop) {
      this.line += 1;
      next = text.indexOf(breakChar, next + 1);
    }
    this.consumed = end;
    return line;
  }
}
