// The "Weekly cleanup" section of a Monday digest and /nudge me: a count per weekly rule and its
// records by name, a few per rule, so the section stays short beside the daily part.
import type { KnownBlock } from "@slack/types";
import type { RecordFindings } from "../domain/evaluate.ts";
import { ruleName } from "../domain/rule-names.ts";
import { WEEKLY_CLEANUP_TITLE, type WeeklyCleanup } from "../domain/weekly-cleanup.ts";
import { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.ts";

/** Records named per rule; the rest are counted. */
export const WEEKLY_RECORDS_PER_RULE = 5;
/** Rules listed; the rest are counted in one line. */
export const WEEKLY_RULES_SHOWN = 6;

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
    const shown = line.records.slice(0, WEEKLY_RECORDS_PER_RULE).map((group) => `• ${recordName(group)}`);
    const more = line.count - shown.length;
    if (more > 0) shown.push(`_and ${more} more_`);
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(ruleName(line.rule))}*: ${line.count}\n${shown.join("\n")}`,
      },
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
