// How to read a CSV folder: the `csv:` block of the configuration file.
import type { CsvDelimiter } from "./delimiter.ts";

export const CSV_PRESETS = ["native", "salesforce-report"] as const;
export type CsvPreset = (typeof CSV_PRESETS)[number];

export const DATE_FORMATS = ["auto", "YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface CsvSettings {
  /** How opportunities.csv is laid out; null: recognised from its header row. */
  preset: CsvPreset | null;
  /** Domain field → header text, overriding the preset's header for that field. */
  columns: Record<string, string>;
  /** `auto`: ISO dates always; slashed dates when the file itself shows which part is the day. */
  dateFormat: DateFormat;
  decimalSeparator: "." | ",";
  /** What separates the values of every file of the folder. */
  delimiter: CsvDelimiter;
}

export const DEFAULT_CSV_SETTINGS: CsvSettings = {
  preset: null,
  columns: {},
  dateFormat: "auto",
  decimalSeparator: ".",
  delimiter: ",",
};
