// The closing summary of a scan or demo: findings by rule, who was nudged, what was skipped.

import { countByRule, type PipelineEvaluation } from "../domain/evaluate.ts";
import { RULE_IDS } from "../domain/findings.ts";
import { ruleName } from "../domain/rule-names.ts";
import type { SourceIssue } from "../sources/source.ts";

export function findingsByRuleText(evaluation: PipelineEvaluation): string {
  const counts = countByRule(evaluation);
  const width = Math.max(...RULE_IDS.map((rule) => ruleName(rule).length));
  const off = new Set(evaluation.rules.filter((state) => !state.on).map((state) => state.rule));
  return [...counts]
    .map(
      ([rule, count]) =>
        `  ${ruleName(rule).padEnd(width)} ${(off.has(rule) ? "off" : String(count)).padStart(6)}`,
    )
    .concat(`  ${"total".padEnd(width)} ${String(evaluation.findingCount).padStart(6)}`)
    .join("\n");
}

export function issuesLine(issues: SourceIssue[]): string {
  const skipped = issues.filter((issue) => issue.severity === "skipped").length;
  const warnings = issues.length - skipped;
  return `${skipped} row problem${skipped === 1 ? "" : "s"} skipped, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}

/** What the scan left out, or null when nothing was: Enterprise accounts, money with no rate. */
export function leftOutLine(evaluation: PipelineEvaluation): string | null {
  const { enterpriseAccounts, enterpriseOpportunities, noRate } = evaluation.leftOut;
  const parts: string[] = [];
  if (enterpriseAccounts > 0)
    parts.push(
      `${enterpriseAccounts} Enterprise account${enterpriseAccounts === 1 ? "" : "s"} and ${enterpriseOpportunities} of their opportunities (outside SMB and Mid-Market)`,
    );
  for (const [currency, count] of Object.entries(noRate))
    parts.push(
      `${count} opportunit${count === 1 ? "y" : "ies"} in ${currency}, which has no conversion rate`,
    );
  return parts.length > 0 ? `Left out: ${parts.join("; ")}.` : null;
}
