// Reads opportunities.csv in whichever layout it has: the native columns, or a CRM report export
// recognised from its header (or named by `csv.preset`), with dates read in the file's own format.
import { SourceError } from "../../errors.ts";
import type { CsvSettings, DateFormat } from "./csv-settings.ts";
import { delimiterError, otherDelimiter } from "./delimiter.ts";
import { DateEvidence } from "./export-parsers.ts";
import { OPPORTUNITY_COLUMNS, opportunityRow } from "./native-format.ts";
import { type ColumnLayout, type CsvRows, readCsvRows } from "./read-csv-file.ts";
import {
  DATE_FIELDS,
  findReportColumns,
  missingReportFields,
  normalHeader,
  type ReportColumns,
  type ReportRow,
  recognisePreset,
  reportRowSpec,
} from "./report-columns.ts";
import type { RowSpec } from "./row-spec.ts";
import { streamCsvRecords } from "./stream-csv-records.ts";

export interface OpportunityFile {
  rows: CsvRows<ReportRow>;
  /** The report columns found; null for the native layout, which has them all. */
  columns: ReportColumns | null;
}

const FILE = "opportunities.csv";

export async function readOpportunities(path: string, settings: CsvSettings): Promise<OpportunityFile> {
  const first = await firstLook(path, settings);
  const { delimiter } = settings;
  if (first.columns === null)
    return { rows: await readCsvRows(path, nativeLayout(), delimiter), columns: null };
  const { columns } = first;
  const decided = first.dateFormat;
  if (typeof decided !== "string") throw new SourceError(`${FILE}: ${decided.problem}`);
  const layout: ColumnLayout<ReportRow> = {
    expected: "a report's headers",
    fromHeader: () => {
      const spec = reportRowSpec(columns, settings, decided);
      return { spec, indexes: spec.indexes, names: spec.names };
    },
  };
  return { rows: await readCsvRows(path, layout, delimiter), columns };
}

/**
 * Reads the header to tell the layout and, for a report with `dateFormat: auto`, every date cell:
 * the file's date order is decided from the whole file, never guessed row by row.
 */
async function firstLook(
  path: string,
  settings: CsvSettings,
): Promise<{ columns: ReportColumns | null; dateFormat: Exclude<DateFormat, "auto"> | { problem: string } }> {
  let columns: ReportColumns | null = null;
  let native = false;
  let dateIndexes: number[] = [];
  const evidence = new DateEvidence();
  await streamCsvRecords(
    path,
    (record) => {
      if (!columns && !native) {
        const header = record.fields.map((name) => name.trim());
        const preset = recognisePreset(header, settings);
        if (preset instanceof SourceError) {
          const other = otherDelimiter(header, settings.delimiter);
          throw other === null ? preset : delimiterError(FILE, header, settings.delimiter, other);
        }
        if (preset === "native") {
          native = true;
          return false;
        }
        columns = findReportColumns(header, settings);
        const missing = missingReportFields(columns);
        if (missing.length > 0)
          throw new SourceError(`${FILE} has no column for ${missing.join(", ")} (csv.preset is ${preset})`);
        const found = columns;
        dateIndexes = DATE_FIELDS.flatMap((field) => found.found.get(field)?.index ?? []);
        return settings.dateFormat === "auto";
      }
      for (const index of dateIndexes) evidence.add(record.fields[index] ?? "");
      return true;
    },
    { delimiter: settings.delimiter },
  );
  if (native) return { columns: null, dateFormat: "YYYY-MM-DD" };
  if (!columns) throw new SourceError(`${FILE} is empty: expected a header row`);
  return {
    columns,
    dateFormat: settings.dateFormat === "auto" ? evidence.decide() : settings.dateFormat,
  };
}

/** The native columns (any case and spacing), read exactly as SPEC's format says. */
function nativeLayout(): ColumnLayout<ReportRow> {
  const spec: RowSpec<ReportRow> = {
    fields: opportunityRow.fields,
    cells: opportunityRow.cells,
    build: (values) => ({ opportunity: opportunityRow.build(values), ownerName: null }),
  };
  return {
    expected: OPPORTUNITY_COLUMNS.join(","),
    fromHeader: (header) => {
      const positions = header.map(normalHeader);
      const indexes = spec.fields.map((field) => positions.indexOf(normalHeader(field)));
      const missing = spec.fields.filter((_, index) => indexes[index] === -1);
      if (missing.length > 0) {
        throw new SourceError(
          `${FILE} has no column ${missing.join(", ")}: expected the header ${OPPORTUNITY_COLUMNS.join(",")}`,
        );
      }
      return { spec, indexes, names: spec.fields };
    },
  };
}
