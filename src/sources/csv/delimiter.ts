// Which character separates a CSV file's values, and what to say when a file uses another one.
import { SourceError } from "../../errors.ts";

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const NAMES: Record<CsvDelimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };
const PLURALS: Record<CsvDelimiter, string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };

/**
 * The delimiter a header row read with `delimiter` is written with instead, or null: a file is
 * taken to be separated by another character when its header splits into at least three columns
 * at it, and into more than twice as many as at the one configured.
 */
export function otherDelimiter(header: readonly string[], delimiter: CsvDelimiter): CsvDelimiter | null {
  const raw = header.join(delimiter);
  for (const candidate of CSV_DELIMITERS) {
    if (candidate === delimiter) continue;
    const columns = raw.split(candidate).length;
    if (columns >= 3 && columns > header.length * 2) return candidate;
  }
  return null;
}

/**
 * Excel writes "CSV" with semicolons where the comma is the decimal sign, and a spreadsheet may
 * save tabs. The file is not read that way unasked: its amounts may then be written 12.500,00,
 * which read with the wrong decimal sign would be wrong by a factor of a thousand, not rejected.
 */
export function delimiterError(
  file: string,
  header: readonly string[],
  delimiter: CsvDelimiter,
  found: CsvDelimiter,
): SourceError {
  const columns = header.join(delimiter).split(found).length;
  const setting = JSON.stringify(found);
  return new SourceError(
    `${file} looks ${NAMES[found]}-separated: its header row has ${columns} columns between ` +
      `${PLURALS[found]} and ${header.length} between ${PLURALS[delimiter]}. To read it as it is, ` +
      `say so in the configuration file:\ncsv:\n  delimiter: ${setting}\n` +
      `  # decimalSeparator: ","   (also this, uncommented, if its amounts are written like 12.500,00)\n` +
      `or save it again ${NAMES[delimiter]}-separated.`,
  );
}
