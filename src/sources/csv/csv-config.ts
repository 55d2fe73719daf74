// The `csv:` block of the configuration file: how to read a CSV folder's opportunities.csv (SPEC
// Part 2, "CSV from a CRM report").
import { z } from "zod";
import { CSV_PRESETS, DATE_FORMATS } from "./csv-settings.ts";
import { CSV_DELIMITERS } from "./delimiter.ts";
import { REPORT_FIELDS } from "./report-columns.ts";

const block = z.strictObject({
  preset: z
    .enum(CSV_PRESETS, `expected one of: ${CSV_PRESETS.join(", ")}`)
    .nullable()
    .default(null),
  columns: z
    .partialRecord(
      z.enum(REPORT_FIELDS as [string, ...string[]], `expected one of: ${REPORT_FIELDS.join(", ")}`),
      z.string().min(1, "expected the header text"),
    )
    .default({}),
  dateFormat: z.enum(DATE_FORMATS, `expected one of: ${DATE_FORMATS.join(", ")}`).default("auto"),
  decimalSeparator: z.enum([".", ","], 'expected "." or ","').default("."),
  delimiter: z.enum(CSV_DELIMITERS, 'expected ",", ";" or "\\t"').default(","),
});

export const csvConfigSchema = block.default(() => block.parse({}));
