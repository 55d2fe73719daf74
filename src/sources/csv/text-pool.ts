// Keeps the texts of a CSV file's cells compact while it is read: one copy of each repeated value,
// and no kept value holding on to the piece of the file it was cut from.

/**
 * V8 makes a text of 13 or more characters cut from a longer one a view into it, so a value
 * papaparse cuts from a 32 KiB piece of the file keeps that whole piece alive as long as the
 * value lives. Joining it to one character and cutting that off again makes V8 copy it alone.
 */
const SHORTEST_VIEW = 13;

/** `text` as a copy of its own (short texts already are one). */
export function detached(text: string): string {
  return text.length < SHORTEST_VIEW ? text : ` ${text}`.slice(1);
}

/** Values looked at before deciding whether a column's values repeat. */
const SAMPLE = 1000;

/**
 * One column's values while a file is read: stages, owners, picklist values and dates repeat from
 * row to row, and each row then keeps the first copy instead of its own. A column whose first
 * values are nearly all different (ids, names, free text) is only copied: looking its values up
 * would cost more than it saves. At most `limit` distinct values are remembered.
 */
export class TextPool {
  private seen: Map<string, string> | null = new Map();
  private lookups = 0;
  private readonly limit: number;

  constructor(limit = 50_000) {
    this.limit = limit;
  }

  share(text: string): string {
    const seen = this.seen;
    if (seen === null) return detached(text);
    const known = seen.get(text);
    this.lookups += 1;
    if (this.lookups === SAMPLE && seen.size > SAMPLE * 0.9) this.seen = null;
    if (known !== undefined) return known;
    const copy = detached(text);
    if (seen.size < this.limit) seen.set(copy, copy);
    return copy;
  }
}
