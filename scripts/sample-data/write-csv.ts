// Writes a Snapshot as the three CSV files of SPEC.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { COMMAND_PLAN_FIELDS, type Snapshot } from "../../src/domain/model.ts";
import { ACCOUNT_COLUMNS, OPPORTUNITY_COLUMNS, REP_COLUMNS } from "../../src/sources/csv/native-format.ts";

const cell = (value: unknown): string => (value === null || value === undefined ? "" : String(value));

export function writeSnapshotCsv(snapshot: Snapshot, folder: string): void {
  mkdirSync(folder, { recursive: true });
  const write = (file: string, columns: string[], rows: Record<string, unknown>[]) =>
    writeFileSync(
      join(folder, file),
      stringify(
        rows.map((row) => columns.map((column) => cell(row[column]))),
        { header: true, columns, record_delimiter: "unix" },
      ),
    );
  write("reps.csv", REP_COLUMNS, snapshot.reps as unknown as Record<string, unknown>[]);
  write(
    "accounts.csv",
    [...ACCOUNT_COLUMNS, "website"],
    snapshot.accounts as unknown as Record<string, unknown>[],
  );
  write(
    "opportunities.csv",
    OPPORTUNITY_COLUMNS,
    snapshot.opportunities.map((opp) => {
      const { commandPlan, ...rest } = opp;
      const row: Record<string, unknown> = { ...rest };
      for (const field of COMMAND_PLAN_FIELDS) row[field] = commandPlan[field];
      return row;
    }),
  );
}
