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
  /** Left out means every field is available (the bundled sample). Rules turn on and off by it. */
  available?: AvailableFields | undefined;
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
  /**
   * While on, a load may read only what changed since the last one (sources that can tell). The
   * scheduler turns it on between digests; a read someone asks for is always a full one.
   */
  preferIncremental?(on: boolean): void;
  /** Set while reads are paused to spare the CRM's API limit. */
  readsPaused?(): { usedPercent: number; maxPercent: number } | null;
}

export function formatIssue(issue: SourceIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.field]
    .filter((part) => part !== null)
    .join(", ");
  return `${where}: ${issue.message}${issue.severity === "skipped" ? " (row skipped)" : ""}`;
}
