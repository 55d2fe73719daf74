// One scan: read the source, run the rules, and say how long each part took.
import { evaluatePipeline, type PipelineEvaluation } from "../domain/evaluate.ts";
import type { Snapshot } from "../domain/model.ts";
import type { RuleSettings } from "../domain/settings.ts";
import type { Logger } from "../logging.ts";
import type { PipelineSource, SourceIssue } from "../sources/source.ts";
import { RepTimezones } from "./rep-timezones.ts";

export interface ScanResult {
  source: string;
  snapshot: Snapshot;
  issues: SourceIssue[];
  evaluation: PipelineEvaluation;
  loadMs: number;
  evaluateMs: number;
}

export interface ScanOptions {
  source: PipelineSource;
  settings: RuleSettings;
  defaultTimezone: string;
  now: Date;
  logger: Logger;
  onProgress?: (message: string) => void;
}

export async function scanPipeline(options: ScanOptions): Promise<ScanResult> {
  const { source, logger } = options;
  options.onProgress?.(`Reading ${source.name}…`);
  const loadStarted = performance.now();
  const read = await source.load();
  const { issues, available } = read;
  // No Slack here: a rep the CRM gives no time zone is checked in the default one.
  const timezones = new RepTimezones({ defaultTimezone: options.defaultTimezone, logger });
  const snapshot = await timezones.complete(read.snapshot);
  const loadMs = performance.now() - loadStarted;
  options.onProgress?.(`Checking ${snapshot.opportunities.length.toLocaleString("en-US")} opportunities…`);
  const evaluateStarted = performance.now();
  const evaluation = evaluatePipeline(snapshot, {
    now: options.now,
    settings: options.settings,
    defaultTimezone: options.defaultTimezone,
    available,
  });
  const evaluateMs = performance.now() - evaluateStarted;
  logger.info(
    {
      source: source.name,
      reps: snapshot.reps.length,
      accounts: snapshot.accounts.length,
      opportunities: snapshot.opportunities.length,
      skippedRows: issues.filter((issue) => issue.severity === "skipped").length,
      findings: evaluation.findingCount,
      loadMs: Math.round(loadMs),
      evaluateMs: Math.round(evaluateMs),
    },
    "scan finished",
  );
  return { source: source.name, snapshot, issues, evaluation, loadMs, evaluateMs };
}
