// The daily digest DM as Block Kit: within Slack's limits (50 blocks, 3,000-character sections),
// with the fix / snooze / open buttons on every record and a plain-text fallback.
import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import type { Digest } from "../../domain/digest.ts";
import type { RecordFindings } from "../../domain/evaluate.ts";
import type { RuleId } from "../../domain/findings.ts";
import { formatScore } from "../../domain/scorecard.ts";
import { ACTION_IDS, decodeSnooze, encodeSnooze, SNOOZE_CHOICES } from "../ids.ts";
import { escapeMrkdwn, linkUrl, plainText, truncate } from "./mrkdwn.ts";
import { recordText } from "./record-line.ts";

export const MAX_BLOCKS = 50;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function recordActions(group: RecordFindings): ActionsBlock {
  const elements: ActionsBlock["elements"] = [];
  const recordKey = `${group.recordType}:${group.record.id}`;
  if (group.recordType === "opportunity") {
    elements.push({
      type: "button",
      action_id: ACTION_IDS.updateNextStep,
      text: { type: "plain_text", text: "Update next step" },
      style: "primary",
      value: group.record.id,
    });
  }
  elements.push({
    type: "static_select",
    action_id: ACTION_IDS.snooze,
    placeholder: { type: "plain_text", text: "Snooze" },
    options: SNOOZE_CHOICES.map((choice) => ({
      text: { type: "plain_text", text: choice.label },
      value: encodeSnooze({
        days: choice.days,
        recordType: group.recordType,
        recordId: group.record.id,
        rules: group.findings.map((finding) => finding.rule),
      }),
    })),
  });
  // A CRM link Slack would refuse is left out rather than have Slack refuse the whole message.
  const url = group.recordType === "opportunity" ? linkUrl(group.record.url) : null;
  if (url) {
    elements.push({
      type: "button",
      action_id: ACTION_IDS.openRecord,
      text: { type: "plain_text", text: "Open in Salesforce" },
      url,
      value: group.record.id,
    });
  }
  return { type: "actions", block_id: truncate(`record:${recordKey}`, 255), elements };
}

export function recordBlocks(group: RecordFindings): [SectionBlock, ActionsBlock] {
  return [{ type: "section", text: { type: "mrkdwn", text: recordText(group) } }, recordActions(group)];
}

export interface DigestMessageOptions {
  /** Records listed before "and N more"; the block limit may lower it further. */
  maxRecords: number;
  /** The header; a digest's is "Pipeline nudges for <date>". */
  title?: string;
}

export function digestMessage(digest: Digest, options: DigestMessageOptions): SlackMessage {
  const name = digest.rep?.name.split(" ")[0] ?? "there";
  const summary =
    `${plural(digest.findingCount, "thing")} in ${plural(digest.records.length, "record")} ` +
    `${digest.findingCount === 1 ? "breaks" : "break"} the Required 7. Your scorecard: *${formatScore(digest.scorecard.overall)}*.`;
  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: plainText(options.title ?? `Pipeline nudges for ${digest.today}`, 150),
    },
    { type: "section", text: { type: "mrkdwn", text: `Hi ${escapeMrkdwn(name)}, ${summary}` } },
  ];
  // Two blocks a record, and one kept back for the "and N more" line.
  const fit = Math.min(options.maxRecords, Math.floor((MAX_BLOCKS - blocks.length - 1) / 2));
  const shown = digest.records.slice(0, fit);
  for (const group of shown) blocks.push(...recordBlocks(group));
  const more = digest.findingCount - shown.reduce((sum, group) => sum + group.findings.length, 0);
  if (more > 0) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `and ${more} more — \`/nudge me\`` }],
    });
  }
  const text = `Pipeline nudges for ${digest.today}: ${plural(digest.findingCount, "thing")} in ${plural(digest.records.length, "record")} to fix.`;
  return { text, blocks };
}

/**
 * The findings a digest message lists, read back from its snooze menus: exactly what the rep was
 * shown, records cut by "and N more" and snoozed findings left out.
 */
export function listedFindings(blocks: readonly unknown[] | undefined): { rule: RuleId; recordId: string }[] {
  const listed: { rule: RuleId; recordId: string }[] = [];
  for (const block of (blocks ?? []) as KnownBlock[]) {
    if (block.type !== "actions") continue;
    for (const element of block.elements) {
      if (element.type !== "static_select" || element.action_id !== ACTION_IDS.snooze) continue;
      const first = element.options?.[0];
      const value = first ? decodeSnooze(first.value ?? "") : null;
      if (value) for (const rule of value.rules) listed.push({ rule, recordId: value.recordId });
    }
  }
  return listed;
}
