// One record's heading and its findings as mrkdwn, shared by digests, /nudge me and App Home.
import { snoozeKey } from "../domain/digest.ts";
import type { RecordFindings } from "../domain/evaluate.ts";
import { explain } from "../domain/messages.ts";
import { formatOpportunityMoney } from "../domain/money.ts";
import { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.ts";

export const SECTION_TEXT_LIMIT = 3000;

export function recordHeading(group: RecordFindings): string {
  if (group.recordType === "account") {
    const { record } = group;
    const tier = record.tier === null ? "no tier" : `Tier ${record.tier}`;
    return `*${escapeMrkdwn(record.name)}*  ·  account  ·  ${record.segment}  ·  ${tier}`;
  }
  const { record } = group;
  const name = record.url ? `*${mrkdwnLink(record.url, record.name)}*` : `*${escapeMrkdwn(record.name)}*`;
  // A closed deal's date is history: "closed on", never "closes".
  const when = record.isClosed ? `closed on ${record.closeDate}` : `closes ${record.closeDate}`;
  return `${name}  ·  ${escapeMrkdwn(record.stage)}  ·  ${formatOpportunityMoney(record)}  ·  ${when}`;
}

/**
 * Heading plus one bullet per finding, cut by whole lines to fit a section's 3,000 characters.
 * Findings in `newKeys` (`rule|recordId`) are marked new.
 */
export function recordText(
  group: RecordFindings,
  limit = SECTION_TEXT_LIMIT,
  newKeys: ReadonlySet<string> = new Set(),
): string {
  const lines = [recordHeading(group)];
  let length = lines[0]?.length ?? 0;
  let previousAction = "";
  for (const [index, finding] of group.findings.entries()) {
    const { problem, action } = explain(finding);
    // Two command plan findings share their advice; say it once.
    const advice = action === previousAction ? "" : ` _${escapeMrkdwn(action)}_`;
    previousAction = action;
    const mark = newKeys.has(snoozeKey(finding)) ? "*new*  " : "";
    const line = `• ${mark}${escapeMrkdwn(problem)}${advice}`;
    const remaining = group.findings.length - index;
    const tail = `\n• …and ${remaining} more on this record`;
    if (length + 1 + line.length + (remaining > 1 ? tail.length : 0) > limit) {
      lines.push(tail.slice(1));
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  return lines.join("\n").slice(0, limit);
}
