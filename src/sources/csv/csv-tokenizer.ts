// Splits CSV text into records as it arrives, chunk by chunk, knowing the line each record starts on.
//
// Written for the files people actually export: a byte-order mark, CRLF, LF or CR line ends, quoted
// values with commas, doubled quotes and line breaks inside, blank lines (skipped). A quote inside
// an unquoted value is taken literally, as spreadsheets write it, and so is a quote inside a quoted
// value that is not followed by a comma or a line break. Only the current record is ever held, so
// a file of any size streams through in constant memory; the scanning jumps from one comma, quote
// or line break to the next with indexOf rather than looking at every character.

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** Set when the input ended inside a quoted value: the record is everything after that quote. */
  unterminatedQuote?: true;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

enum State {
  /** At the start of a value (the start of a record when no field is held yet). */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted value: a closing quote, or the first of a doubled one. */
  QuoteInQuoted,
}

export class CsvTokenizer {
  private readonly onRecord: (record: CsvRecord) => void;
  private state = State.FieldStart;
  private fields: string[] = [];
  /** The part of the current value seen in earlier chunks (or before a doubled quote). */
  private pending = "";
  private line = 1;
  private recordLine = 1;
  private started = false;
  /**
   * The file's line break, decided by the first one in it as spreadsheets do: LF (a CR just
   * before it is dropped, so CRLF works too) or a lone CR (old Mac exports). The other character
   * is then ordinary text.
   */
  private newline: "\n" | "\r" | null = null;
  /** A chunk's final CR waits for the next chunk, which may start with its LF. */
  private heldCr = false;

  constructor(onRecord: (record: CsvRecord) => void) {
    this.onRecord = onRecord;
  }

  push(input: string): void {
    let chunk = input;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.heldCr) chunk = `\r${chunk}`;
    this.heldCr = chunk.charCodeAt(chunk.length - 1) === CR;
    if (this.heldCr) chunk = chunk.slice(0, -1);
    if (this.newline === null) this.newline = detectNewline(chunk);
    this.scan(chunk);
  }

  /** Ends the input: hands over the last record when the text does not end with a line break. */
  end(): void {
    if (this.heldCr) {
      this.heldCr = false;
      this.newline ??= "\r";
      this.scan("\r");
    }
    switch (this.state) {
      case State.FieldStart:
        if (this.fields.length > 0) this.endRecord("");
        break;
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.endRecord(this.take("", 0, 0));
        break;
      case State.Quoted: {
        const fields = this.fields;
        fields.push(this.take("", 0, 0));
        this.fields = [];
        this.onRecord({ fields, line: this.recordLine, unterminatedQuote: true });
        break;
      }
    }
    this.state = State.FieldStart;
  }

  private scan(chunk: string): void {
    const length = chunk.length;
    const newline = this.newline ?? "\n";
    const newlineCode = newline.charCodeAt(0);
    const find = (char: string, from: number) => {
      const at = chunk.indexOf(char, from);
      return at === -1 ? length : at;
    };
    // Next comma and line break at or after the current position, found lazily: each is looked
    // for once per occurrence, so a chunk is scanned in linear time.
    let nextComma = -1;
    let nextBreak = -1;
    /** A record ends at a line break; with LF line ends, at a CR just before one too. */
    const endsRecord = (at: number) => {
      const code = chunk.charCodeAt(at);
      return code === newlineCode || (code === CR && chunk.charCodeAt(at + 1) === LF);
    };
    const breakEnd = (at: number) => (chunk.charCodeAt(at) === newlineCode ? at + 1 : at + 2);

    let index = 0;
    let start = 0;
    let state = this.state;
    while (index < length) {
      if (state === State.FieldStart) {
        if (this.fields.length === 0) {
          if (endsRecord(index)) {
            // A blank line is not a record.
            index = breakEnd(index);
            this.line += 1;
            continue;
          }
          this.recordLine = this.line;
        }
        if (chunk.charCodeAt(index) === QUOTE) {
          state = State.Quoted;
          index += 1;
          start = index;
          continue;
        }
        state = State.Unquoted;
        start = index;
      }
      if (state === State.Unquoted) {
        if (nextComma < index) nextComma = find(",", index);
        if (nextBreak < index) nextBreak = find(newline, index);
        if (nextComma < nextBreak) {
          this.fields.push(this.take(chunk, start, nextComma));
          index = nextComma + 1;
          state = State.FieldStart;
        } else if (nextBreak < length) {
          let end = nextBreak;
          if (newlineCode === LF && end > start && chunk.charCodeAt(end - 1) === CR) end -= 1;
          this.endRecord(this.take(chunk, start, end));
          index = nextBreak + 1;
          this.line += 1;
          state = State.FieldStart;
        } else {
          this.pending += chunk.slice(start);
          index = length;
        }
        continue;
      }
      if (state === State.Quoted) {
        const quote = find('"', index);
        // Line breaks inside a quoted value still move the line count on.
        if (nextBreak < index) nextBreak = find(newline, index);
        while (nextBreak < quote) {
          this.line += 1;
          nextBreak = find(newline, nextBreak + 1);
        }
        this.pending += chunk.slice(start, quote);
        index = quote + 1;
        if (quote < length) state = State.QuoteInQuoted;
        continue;
      }
      // State.QuoteInQuoted
      const code = chunk.charCodeAt(index);
      if (code === COMMA) {
        this.fields.push(this.take(chunk, index, index));
        index += 1;
        state = State.FieldStart;
      } else if (endsRecord(index)) {
        this.endRecord(this.take(chunk, index, index));
        index = breakEnd(index);
        this.line += 1;
        state = State.FieldStart;
      } else {
        // A doubled quote is one quote; a stray one is kept as it is, with what follows it.
        this.pending += '"';
        if (code === QUOTE) index += 1;
        start = index;
        state = State.Quoted;
      }
    }
    this.state = state;
  }

  private take(chunk: string, start: number, end: number): string {
    const value = this.pending === "" ? chunk.slice(start, end) : this.pending + chunk.slice(start, end);
    this.pending = "";
    return value;
  }

  private endRecord(last: string): void {
    const fields = this.fields;
    fields.push(last);
    this.fields = [];
    if (fields.length === 1 && fields[0] === "") return;
    this.onRecord({ fields, line: this.recordLine });
  }
}

/** LF unless the first line break is a CR on its own; null while no line break has been seen. */
function detectNewline(chunk: string): "\n" | "\r" | null {
  const lf = chunk.indexOf("\n");
  const cr = chunk.indexOf("\r");
  if (cr === -1) return lf === -1 ? null : "\n";
  if (lf !== -1 && lf < cr) return "\n";
  return chunk.charCodeAt(cr + 1) === LF ? "\n" : "\r";
}
