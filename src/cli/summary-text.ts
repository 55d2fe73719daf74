// The closing summary of a scan or demo: findings by rule, who was nudged, what was skipped.

import { countByRule, type PipelineEvaluation } from "../domain/evaluate.ts";
import { RULE_IDS } from "../domain/findings.ts";
import type { SourceIssue } from "../sources/source.ts";

export function findingsByRuleText(evaluation: PipelineEvaluation): string {
  const counts = countByRule(evaluation);
  const width = Math.max(...RULE_IDS.map((rule) => rule.length));
  return [...counts]
    .map(([rule, count]) => `  ${rule.padEnd(width)} ${String(count).padStart(6)}`)
    .concat(`  ${"total".padEnd(width)} ${String(evaluation.findingCount).padStart(6)}`)
    .join("\n");
}

export function issuesLine(issues: SourceIssue[]): string {
  const skipped = issues.filter((issue) => issue.severity === "skipped").length;
  const warnings = issues.length - skipped;
  return `${skipped} row problem${skipped === 1 ? "" : "s"} skipped, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}
