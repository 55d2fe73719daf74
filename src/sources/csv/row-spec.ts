// A row of a CSV file as named cells, and how the values become one domain record.
import { type Cell, CellProblem, type CellValue, readCell } from "./cell-parsers.ts";
import type { TextPool } from "./text-pool.ts";

export type RowValues<S extends Record<string, Cell<unknown>>> = { [K in keyof S]: CellValue<S[K]> };

export interface RowSpec<T> {
  /** The domain fields of the row, in the order their problems are reported. */
  readonly fields: readonly string[];
  readonly cells: readonly Cell<unknown>[];
  /** Fields whose column a file may leave out altogether (every cell then empty). */
  readonly optionalColumns?: readonly string[];
  build(values: Record<string, unknown>): T;
}

export function rowSpec<S extends Record<string, Cell<unknown>>, T>(
  shape: S,
  build: (values: RowValues<S>) => T,
  optionalColumns: readonly (keyof S & string)[] = [],
): RowSpec<T> {
  return {
    fields: Object.keys(shape),
    cells: Object.values(shape),
    optionalColumns,
    build: build as (values: Record<string, unknown>) => T,
  };
}

/** Where one row's problem is: the field's column name and the message. */
export type ReportProblem = (column: string, message: string) => void;

/**
 * Reads one record's cells into a domain value, or reports every bad cell and returns null.
 * `indexes[i]` is the position in the record of the column of `spec.fields[i]`, and `names[i]`
 * that column's name as the problems should say it. `values` is scratch space reused from row to
 * row (build copies what it keeps), so a large file allocates nothing per row but its records.
 * `pools[i]`, when given, shares the text values of `spec.fields[i]` between rows.
 */
export function readRow<T>(
  spec: RowSpec<T>,
  record: readonly string[],
  indexes: readonly number[],
  names: readonly string[],
  report: ReportProblem,
  values: Record<string, unknown> = {},
  pools?: readonly (TextPool | undefined)[],
): T | null {
  let valid = true;
  const { fields, cells } = spec;
  for (let index = 0; index < fields.length; index++) {
    const value = readCell(cells[index] as Cell<unknown>, record[indexes[index] as number]);
    if (value instanceof CellProblem) {
      report(names[index] as string, value.message);
      valid = false;
    } else {
      const pool = pools?.[index];
      values[fields[index] as string] =
        pool !== undefined && typeof value === "string" ? pool.share(value) : value;
    }
  }
  return valid ? spec.build(values) : null;
}
