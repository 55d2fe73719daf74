// The line each CSV record starts on, counted in the very text papaparse parses.

/**
 * The line each record starts on, from papaparse's cursor (the offset just past the record, in the
 * text without its BOM). Holds only the text not yet consumed, so memory stays bounded.
 */
export class LineCounter {
  /** Text from offset `start` on, as read so far. */
  private text = "";
  private start = 0;
  /** Offset up to which line breaks are counted, and the line found there. */
  private consumed = 0;
  private line = 1;

  /** The line at the offset counted up to: after `lineEndingAt(end)`, the line `end` is on. */
  get current(): number {
    return this.line;
  }

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
