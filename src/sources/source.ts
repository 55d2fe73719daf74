// The source port: anything that can produce a Snapshot of the pipeline (CSV folder, sample, CRM).
import type { RecordType } from "../domain/findings.ts";
import type { FixFieldName, RecordPatch } from "../domain/fix-fields.ts";
import type { Snapshot } from "../domain/model.ts";

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

/** What a writable source lets the bot change. */
export interface WriteAccess {
  /** Whether the bot's user may write this field ("opportunity.closeDate"). */
  updateable(field: string): boolean;
  /** The CRM's values for a picklist field, in its order; null for free text. */
  choices(field: string): string[] | null;
  /** Where to change a field the bot may not write, e.g. "Close Date (Opportunity.CloseDate) in Salesforce". */
  whereToChange(field: string): string;
}

export interface SourceLoad {
  snapshot: Snapshot;
  issues: SourceIssue[];
  /** Left out means every field is available (the bundled sample). Rules turn on and off by it. */
  available?: AvailableFields | undefined;
}

/** CRM reads paused to spare the API limit: how far usage is, and the setting that allows more. */
export interface ReadsPaused {
  usedPercent: number;
  maxPercent: number;
  /** The config key, e.g. `salesforce.maxApiUsagePercent`. */
  setting: string;
}

export interface PipelineSource {
  /** What to call the source in logs and summaries ("sample", "csv:./exports"). */
  readonly name: string;
  /**
   * The CRM's name on buttons that open a record ("Open in Salesforce"); absent when records have
   * no page to open (CSV exports, the sample).
   */
  readonly linkLabel?: string;
  load(): Promise<SourceLoad>;
  /**
   * Writes fields of one record back to the CRM, by domain field name, in the CRM's own form.
   * Absent on read-only sources (CSV exports). Throws WriteBackError with the CRM's words when it
   * refuses the change, RecordGoneError when the record no longer exists.
   */
  updateRecord?(recordType: RecordType, id: string, patch: RecordPatch): Promise<void>;
  /** What the bot's user may write, and the CRM's values for choice fields. Absent: everything, free values. */
  writeAccess?(): Promise<WriteAccess>;
  /** Where a person changes a field of a read-only source: "the nextStep column of opportunities.csv". */
  whereToChange?(recordType: RecordType, field: FixFieldName): string;
  /**
   * While on, a load may read only what changed since the last one (sources that can tell). The
   * scheduler turns it on between digests; a read someone asks for is always a full one.
   */
  preferIncremental?(on: boolean): void;
  /**
   * For check-config: connects to the CRM and checks the field map against it, saying what it does
   * through `progress`. `connected` is what it reached; `errors` are mistakes in the map that stop
   * the check (a field of the wrong type), each on its own line.
   */
  checkAccess?(progress: (text: string) => void): Promise<{ connected: string; errors: string[] }>;
  /** Set while reads are paused to spare the CRM's API limit. */
  readsPaused?(): ReadsPaused | null;
}

export function formatIssue(issue: SourceIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.field]
    .filter((part) => part !== null)
    .join(", ");
  return `${where}: ${issue.message}${issue.severity === "skipped" ? " (row skipped)" : ""}`;
}

/**
 * Why a load must not be used: no opportunity at all, or more than half the opportunity rows
 * skipped (a wrong export or a wrong format, not a few bad rows). Null when it is fine.
 */
export function loadFailure(load: SourceLoad, opportunityFile = "opportunities.csv"): string | null {
  const loaded = load.snapshot.opportunities.length;
  const skippedLines = new Set<number | null>();
  let skipped = 0;
  for (const issue of load.issues) {
    if (issue.severity !== "skipped" || issue.file !== opportunityFile) continue;
    if (issue.rows !== undefined) skipped += issue.rows;
    else if (!skippedLines.has(issue.line)) {
      skippedLines.add(issue.line);
      skipped += 1;
    }
  }
  if (loaded > 0 && skipped * 2 <= loaded + skipped) return null;
  const first = load.issues
    .filter((issue) => issue.severity === "skipped")
    .slice(0, 5)
    .map((issue) => `  ${formatIssue(issue)}`);
  const what =
    loaded === 0
      ? "No opportunity could be loaded"
      : `${skipped} of ${loaded + skipped} opportunity rows were skipped`;
  if (first.length === 0) return `${what}: ${opportunityFile} has no rows; nothing was checked.`;
  return [`${what}; nothing was checked. First problems:`, ...first].join("\n");
}
