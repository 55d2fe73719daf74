// Streams a CSV file's records through papaparse, knowing the line each record starts on.
//
// papaparse reads what spreadsheets and CRMs export: CRLF, LF or CR line ends (decided from the
// file's first piece), quoted values with commas, doubled quotes and line breaks inside, a quote
// inside an unquoted value taken literally, blank lines skipped. The file is read piece by piece
// and each record handed on as it is parsed, so memory stays bounded whatever the file's size.
import Papa from "papaparse";
import type { CsvDelimiter } from "./delimiter.ts";
import { FilePieces } from "./file-pieces.ts";
import { LineCounter } from "./line-counter.ts";

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /**
   * Set when a quoted value of the record is never closed: the line the quote opened on. The
   * last field is then the rest of that line, and the next record starts on the line after it.
   */
  unclosedQuoteLine?: number;
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

/** A record papaparse ended at the end of the file because a quote in it is never closed. */
interface Unclosed {
  fields: string[];
  /** Offset of the end of the file. */
  end: number;
  linebreak: string;
}

export interface StreamOptions {
  /** What separates values: a comma unless the configuration says otherwise. */
  delimiter?: CsvDelimiter;
  /** The size of each read: smaller only to test cut points. */
  readBytes?: number;
}

/**
 * Streams a file's records to `onRecord` until it returns false; an error it throws stops the
 * read and is passed on.
 *
 * papaparse parses a piece and leaves a record cut by its end for the next one, parsing that
 * record again from its start. A record longer than a read (a long cell, a missing line end, a
 * quote never closed) is therefore parsed again only once the text after it has doubled, so no
 * part of a file is parsed more than a few times, whatever its shape.
 */
export async function streamCsvRecords(
  path: string,
  onRecord: (record: CsvRecord) => boolean | undefined,
  { delimiter = ",", readBytes = READ_BYTES }: StreamOptions = {},
): Promise<void> {
  const pieces = new FilePieces(path, readBytes);
  try {
    const lines = new LineCounter();
    let failure: { error: unknown } | null = null;
    let stopped = false;
    const deliver = (record: CsvRecord): void => {
      try {
        stopped = onRecord(record) === false;
      } catch (error) {
        failure = { error };
        stopped = true;
      }
    };
    let unclosed: Unclosed | null = null;
    const parser = new ParserHandle({
      delimiter,
      skipEmptyLines: true,
      step: (result, handle) => {
        if (result.errors.some((error) => error.code === "MissingQuotes")) {
          // The rest of the file is that one value: taken apart below, and read on after it.
          unclosed = { fields: result.data, end: result.meta.cursor, linebreak: result.meta.linebreak };
          return;
        }
        deliver({ fields: result.data, line: lines.lineEndingAt(result.meta.cursor, result.meta.linebreak) });
        if (stopped) handle.abort();
      },
    });
    let unparsed = "";
    let start = 0;
    /** Pieces read but not parsed yet, while a record longer than a read goes on. */
    let held: string[] = [];
    let heldLength = 0;
    for (let reads = 1; ; reads++) {
      if (reads % READS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const { piece, last } = pieces.next();
      if (!last) {
        if (piece === "") continue;
        if (unparsed.length > readBytes && heldLength + piece.length < unparsed.length) {
          held.push(piece);
          heldLength += piece.length;
          continue;
        }
      }
      const text = heldLength === 0 ? unparsed + piece : unparsed + held.join("") + piece;
      held = [];
      heldLength = 0;
      lines.add(text, start);
      // papaparse leaves a record cut by the end of the text for the next parse, and says where.
      const { cursor } = parser.parse(text, start, !last).meta;
      if (failure) throw (failure as { error: unknown }).error;
      if (stopped) return;
      const open = unclosed as Unclosed | null;
      if (open !== null) {
        const resume = takeUnclosed(open, lines, deliver);
        unclosed = null;
        if (failure) throw (failure as { error: unknown }).error;
        if (stopped || resume === null) return;
        pieces.putBack(text.slice(resume - start));
        unparsed = "";
        start = resume;
        continue;
      }
      if (last) return;
      unparsed = text.substring(cursor - start);
      start = cursor;
    }
  } finally {
    pieces.close();
  }
}

/**
 * Hands on a record whose quote is never closed, cut at the end of the line the quote opened on,
 * and returns the offset of the next line (null when there is none). papaparse would take the
 * rest of the file as that one value; read on from the next line instead, every row after a
 * stray quote is still there.
 */
function takeUnclosed(
  unclosed: Unclosed,
  lines: LineCounter,
  deliver: (record: CsvRecord) => void,
): number | null {
  const { fields, end, linebreak } = unclosed;
  // The last field is the text after the opening quote, as written.
  const open = fields[fields.length - 1] ?? "";
  const quoteAt = end - open.length - 1;
  const line = lines.lineEndingAt(quoteAt, linebreak);
  const quoteLine = lines.current;
  const lineEnd = open.indexOf(linebreak === "\r" ? "\r" : "\n");
  const rest =
    lineEnd === -1
      ? open
      : open.slice(0, linebreak === "\r\n" && open[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd);
  deliver({ fields: [...fields.slice(0, -1), rest], line, unclosedQuoteLine: quoteLine });
  if (lineEnd === -1) return null;
  const resume = quoteAt + 1 + lineEnd + 1;
  lines.lineEndingAt(resume, linebreak);
  return resume;
}
