// A digest as terminal text: the same records and cut as the Slack message, readable in a shell.
import type { Digest } from "../domain/digest.ts";
import { explain } from "../domain/messages.ts";
import { formatOpportunityMoney } from "../domain/money.ts";
import { formatScore } from "../domain/scorecard.ts";

export function digestText(digest: Digest, maxRecords: number): string {
  const rep = digest.rep;
  const who = rep
    ? `${rep.name} <${rep.email}> · ${rep.segment} · ${rep.timezone}`
    : `${digest.owner} (not in the rep list)`;
  const lines = [
    `── ${who}`,
    `   ${digest.today} · Required 7 ${formatScore(digest.scorecard.overall)} · ${digest.findingCount} findings on ${digest.records.length} records`,
  ];
  const shown = digest.records.slice(0, maxRecords);
  shown.forEach((group, index) => {
    const heading =
      group.recordType === "opportunity"
        ? `${group.record.name}  [${group.record.stage} · ${formatOpportunityMoney(group.record)} · closes ${group.record.closeDate}]`
        : `${group.record.name}  [account · ${group.record.segment} · ${group.record.tier === null ? "no tier" : `Tier ${group.record.tier}`}]`;
    lines.push(`   ${String(index + 1).padStart(2)}. ${heading}`);
    let previousAction = "";
    for (const finding of group.findings) {
      const { problem, action } = explain(finding);
      lines.push(`       ✗ ${problem}`);
      // Two command plan findings share their advice; say it once.
      if (action !== previousAction) lines.push(`         → ${action}`);
      previousAction = action;
    }
  });
  const more = digest.findingCount - shown.reduce((sum, group) => sum + group.findings.length, 0);
  if (more > 0) lines.push(`   and ${more} more — /nudge me`);
  return lines.join("\n");
}
