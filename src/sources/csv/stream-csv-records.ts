// Streams a CSV file's records through papaparse, knowing the line each record starts on.
//
// papaparse reads what spreadsheets and CRMs export: CRLF, LF or CR line ends (decided from the
// file's first piece), quoted values with commas, doubled quotes and line breaks inside, a quote
// inside an unquoted value taken literally, blank lines skipped. The file is read piece by piece
// and each record handed on as it is parsed, so memory stays bounded whatever the file's size.
import { createReadStream } from "node:fs";
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

const BOM = 0xfeff;

/**
 * Streams a file's records to `onRecord` until it returns false; an error it throws stops the
 * read and is passed on. `readBytes` is the size of each read (smaller only to test cut points).
 */
export function streamCsvRecords(
  path: string,
  onRecord: (record: CsvRecord) => boolean | undefined,
  readBytes = READ_BYTES,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Decoded by the stream, not by papaparse: a character cut between two reads stays whole.
    const stream = createReadStream(path, { encoding: "utf8", highWaterMark: readBytes });
    const lines = new LineCounter();
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      // After an early stop papaparse only queues what is still read: stop reading instead.
      stream.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    // Listeners run in the order they were added: this one, added before papaparse's, gives the
    // line counter each piece of text before papaparse parses it.
    stream.on("data", (piece) => lines.add(String(piece)));
    Papa.parse<string[]>(stream, {
      delimiter: ",",
      skipEmptyLines: true,
      beforeFirstChunk: withoutBom,
      step: (result, parser) => {
        if (settled) return;
        const record: CsvRecord = {
          fields: result.data,
          line: lines.lineEndingAt(result.meta.cursor, result.meta.linebreak),
        };
        if (result.errors.some((error) => error.code === "MissingQuotes")) record.unterminatedQuote = true;
        let more: boolean;
        try {
          more = onRecord(record) !== false;
        } catch (error) {
          settle(error);
          parser.abort();
          return;
        }
        if (!more) {
          settle();
          parser.abort();
        }
      },
      complete: () => settle(),
      error: (error) => {
        const code = (error as NodeJS.ErrnoException).code;
        settle(new SourceError(`Cannot read ${path}: ${code ?? error.message}`, { cause: error }));
      },
    });
  });
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
  private first = true;

  add(piece: string): void {
    const fresh = this.first ? withoutBom(piece) : piece;
    if (piece !== "") this.first = false;
    this.text = this.text.slice(this.consumed - this.start) + fresh;
    this.start = this.consumed;
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
