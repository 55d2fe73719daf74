// The "Weekly cleanup" section of a Monday digest and /nudge me: a count per weekly rule and its
// records by name, a few per rule, so the section stays short beside the daily part.
import type { KnownBlock } from "@slack/types";
import type { RecordFindings } from "../domain/evaluate.ts";
import { ruleName } from "../domain/rule-names.ts";
import {
  WEEKLY_CLEANUP_TITLE,
  WEEKLY_RECORDS_PER_RULE,
  WEEKLY_RULES_SHOWN,
  type WeeklyCleanup,
} from "../domain/weekly-cleanup.ts";
import { escapeMrkdwn, mrkdwnLink, QUOTE_MAX, SECTION_TEXT_MAX } from "./mrkdwn.ts";

const recordName = (group: RecordFindings): string =>
  group.recordType === "opportunity"
    ? mrkdwnLink(group.record.url, group.record.name)
    : escapeMrkdwn(group.record.name);

export function weeklyCleanupText(weekly: WeeklyCleanup): string {
  const count = weekly.count === 1 ? "1 finding" : `${weekly.count.toLocaleString("en-US")} findings`;
  return `${WEEKLY_CLEANUP_TITLE}: ${count} from the rules kept for once a week`;
}

export function weeklyCleanupBlocks(weekly: WeeklyCleanup | null | undefined): KnownBlock[] {
  if (!weekly || weekly.count === 0) return [];
  const blocks: KnownBlock[] = [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${WEEKLY_CLEANUP_TITLE}* · ${weekly.count === 1 ? "1 finding" : `${weekly.count} findings`} from the rules kept for once a week`,
      },
    },
  ];
  for (const line of weekly.lines.slice(0, WEEKLY_RULES_SHOWN)) {
    const records = line.records.slice(0, WEEKLY_RECORDS_PER_RULE);
    const more = line.count - records.length;
    const text = (name: (group: RecordFindings) => string) =>
      `*${escapeMrkdwn(ruleName(line.rule))}*: ${line.count}\n${records.map((group) => `• ${name(group)}`).join("\n")}` +
      (more > 0 ? `\n_and ${more} more_` : "");
    // Long record links could pass a section's 3,000 characters: then the names alone, cut short.
    const linked = text(recordName);
    const short = () => text((group) => escapeMrkdwn(group.record.name.slice(0, QUOTE_MAX)));
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: linked.length <= SECTION_TEXT_MAX ? linked : short() },
    });
  }
  const others = weekly.lines.slice(WEEKLY_RULES_SHOWN);
  if (others.length > 0) {
    const count = others.reduce((sum, line) => sum + line.count, 0);
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `and ${count} more from ${others.length} other rule${others.length === 1 ? "" : "s"}`,
        },
      ],
    });
  }
  return blocks;
}
