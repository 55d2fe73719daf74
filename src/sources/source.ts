// The source port: anything that can produce a Snapshot of the pipeline (CSV folder, sample, CRM).
import type { IsoDate, Snapshot } from "../domain/model.ts";

/** A problem with one record: the record is skipped (`skipped`) or kept as it is (`warning`). */
export interface SourceIssue {
  severity: "skipped" | "warning";
  file: string;
  /** 1-based line in the file, or null when the problem is not tied to one line. */
  line: number | null;
  field: string | null;
  message: string;
  /** How many rows one skipped issue stands for, when more than the one on `line`. */
  rows?: number;
}

export interface AvailableFields {
  /** Domain fields the source has, as "opportunity.deckUrl", "account.tier", "rep.segment" … */
  fields: ReadonlySet<string>;
  /** What an admin does to make a missing field available, e.g.
   *  "map salesforce.fieldMap.opportunity.deckUrl" or "add a \"Link to Custom Pitch Deck\" column to opportunities.csv". */
  hint(field: string): string;
}

export interface SourceLoad {
  snapshot: Snapshot;
  issues: SourceIssue[];
  /** Left out when every field is available. */
  available?: AvailableFields;
}

export interface PipelineSource {
  /** What to call the source in logs and summaries ("sample", "csv:./exports"). */
  readonly name: string;
  load(): Promise<SourceLoad>;
  /**
   * Writes a new next step back to the CRM. Absent on read-only sources (CSV exports). Throws
   * WriteBackError with a sentence for the rep when the CRM refuses the change.
   */
  updateNextStep?(oppId: string, update: { nextStep: string; nextStepDate: IsoDate }): Promise<void>;
}

export function formatIssue(issue: SourceIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.field]
    .filter((part) => part !== null)
    .join(", ");
  return `${where}: ${issue.message}${issue.severity === "skipped" ? " (row skipped)" : ""}`;
}

