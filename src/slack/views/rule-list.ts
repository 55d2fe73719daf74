// A rule line opened up: that rule's records with the same buttons as in the digest, as an
// ephemeral reply (a digest or /nudge me) or under the line in App Home.
import type { KnownBlock } from "@slack/types";
import type { DigestPlan, RuleLine } from "../../domain/digest-plan.ts";
import { ruleName } from "../../domain/rule-names.ts";
import { MAX_BLOCKS, recordBlocks, type SlackMessage } from "../../messages/digest-blocks.ts";
import { escapeMrkdwn } from "../../messages/mrkdwn.ts";
import type { CrmName } from "../../messages/record-actions.ts";

/** The records of a line that fit in `room` blocks (two each, one kept for "and N more"). */
export function ruleRecordBlocks(line: RuleLine, crm: CrmName, room: number): KnownBlock[] {
  const fit = line.records.length * 2 <= room ? line.records.length : Math.floor((room - 1) / 2);
  const blocks: KnownBlock[] = [];
  for (const group of line.records.slice(0, fit)) blocks.push(...recordBlocks(group, crm));
  const more = line.records.length - fit;
  if (more > 0) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `…and ${more} more. As you fix or snooze these, the rest move up here: press the button again.`,
        },
      ],
    });
  }
  return blocks;
}

/** The ephemeral list behind a rule line's button; a line that is gone says so. */
export function ruleListMessage(plan: DigestPlan | null, line: RuleLine | null, crm: CrmName): SlackMessage {
  if (!plan || !line) {
    const text = "Nothing left on that line: it was fixed or snoozed since. `/nudge me` shows what is.";
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const title = line.text.replace(/^(\S+) more /, "$1 ");
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(title)}*` } },
  ];
  blocks.push(...ruleRecordBlocks(line, crm, MAX_BLOCKS - blocks.length));
  return { text: `${ruleName(line.rule)}: ${line.count} to fix`, blocks };
}
