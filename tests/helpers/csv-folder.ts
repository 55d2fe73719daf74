// Writes a throwaway folder of the three CSV files, from a snapshot or from raw text.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeSnapshotCsv } from "../../scripts/sample-data/write-csv.ts";
import type { Snapshot } from "../../src/domain/model.ts";

export function csvFolder(data: Snapshot, overrides: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "nudgebot-csv-"));
  writeSnapshotCsv(data, folder);
  for (const [file, text] of Object.entries(overrides)) writeFileSync(join(folder, file), text);
  return folder;
}
