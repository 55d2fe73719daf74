// A digest as terminal text, in the same shape as the Slack message: progress, the focus records
// with their findings and buttons, then one line per rule for the rest.

import { snoozeKey } from "../domain/digest.ts";
import type { DigestPlan } from "../domain/digest-plan.ts";
import { fixesFor } from "../domain/fixes.ts";
import { explain } from "../domain/messages.ts";
import { formatOpportunityMoney } from "../domain/money.ts";
import { formatScore } from "../domain/scorecard.ts";
import { type CrmName, fixLabel } from "../messages/record-actions.ts";
import { weeklyCleanupLines } from "./weekly-cleanup-text.ts";

export function digestText(plan: DigestPlan, crm: CrmName = null): string {
  const { digest } = plan;
  const rep = digest.rep;
  const who = rep
    ? `${rep.name} <${rep.email}> · ${rep.segment} · ${rep.timezone}`
    : `${digest.owner} (not in the rep list)`;
  const lines = [
    `── ${who}`,
    `   ${digest.today} · Required 7 ${formatScore(digest.scorecard.overall)} · ${digest.findingCount} findings on ${digest.records.length} records`,
  ];
  const { progress } = plan;
  if (progress) {
    lines.push(
      `   Since ${progress.since}: ${progress.fixed} fixed, ${progress.new} new · Required 7 ${formatScore(progress.scoreBefore)} → ${formatScore(progress.scoreNow)}`,
    );
  }
  if (plan.fromSupport?.length) {
    lines.push("   From Support:");
    for (const ticket of plan.fromSupport)
      lines.push(`     #${ticket.ticketId} ${ticket.subject} · ${ticket.tag} · ${ticket.url}`);
  }
  // A cleanup day with nothing else to fix has no focus records.
  if (plan.focus.length > 0)
    lines.push(`   Start with ${plan.focus.length === 1 ? "this one" : `these ${plan.focus.length}`}:`);
  plan.focus.forEach((group, index) => {
    const closed = group.recordType === "opportunity" && group.record.isClosed;
    const heading =
      group.recordType === "opportunity"
        ? `${group.record.name}  [${group.record.stage} · ${formatOpportunityMoney(group.record)} · ${closed ? "closed on" : "closes"} ${group.record.closeDate}]`
        : `${group.record.name}  [account · ${group.record.segment} · ${group.record.tier === null ? "no tier" : `Tier ${group.record.tier}`}]`;
    lines.push(`   ${String(index + 1).padStart(2)}. ${heading}`);
    let previousAction = "";
    for (const finding of group.findings) {
      const { problem, action } = explain(finding);
      lines.push(`       ✗ ${plan.newKeys.has(snoozeKey(finding)) ? "new · " : ""}${problem}`);
      // Two command plan findings share their advice; say it once.
      if (action !== previousAction) lines.push(`         → ${action}`);
      previousAction = action;
    }
    const [first, ...others] = fixesFor(group.findings, closed);
    const also = others.length > 0 ? `  (also: ${others.map((kind) => fixLabel(kind, crm)).join(", ")})` : "";
    if (first) lines.push(`       [${fixLabel(first, crm)}]${also}  [Snooze]`);
  });
  if (plan.lines.length > 0) lines.push("   The rest, by rule:");
  for (const line of plan.lines) lines.push(`     ${line.text}  [Show]`);
  lines.push(...weeklyCleanupLines(plan.weekly));
  return lines.join("\n");
}
