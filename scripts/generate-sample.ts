// Regenerates data/sample/*.csv: 40 reps, 400 accounts and 2,500 opportunities around 10 March 2026.
// Deterministic: running it again gives byte-identical files.
import { fileURLToPath } from "node:url";
import { generatePipeline, SAMPLE_SIZE } from "./sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "./sample-data/write-csv.ts";

const folder = fileURLToPath(new URL("../data/sample/", import.meta.url));
const snapshot = generatePipeline(SAMPLE_SIZE);
writeSnapshotCsv(snapshot, folder);
process.stdout.write(
  `Wrote ${snapshot.reps.length} reps, ${snapshot.accounts.length} accounts and ${snapshot.opportunities.length} opportunities to ${folder}\n`,
);
