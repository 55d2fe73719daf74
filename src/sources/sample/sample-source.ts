// The bundled sample: a realistic team's pipeline in the CSV format, shipped in data/sample.
import { fileURLToPath } from "node:url";
import { CsvSource } from "../csv/csv-source.ts";

export const SAMPLE_FOLDER = fileURLToPath(new URL("../../../data/sample/", import.meta.url));

/** The fixed "now" the sample was written around: Tuesday 10 March 2026, 15:00 UTC. */
export const SAMPLE_NOW = new Date("2026-03-10T15:00:00Z");

export function sampleSource(): CsvSource {
  return new CsvSource(SAMPLE_FOLDER, "sample");
}
