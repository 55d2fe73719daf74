// Updates a nudge in place after an action: the record's section and buttons give way to one line,
// so old nudges do not pile up.
import type { KnownBlock } from "@slack/types";

/** Replaces the blocks of record `recordId` (its section and its actions row) with a context line. */
export function replaceRecord(
  blocks: KnownBlock[],
  recordType: string,
  recordId: string,
  note: string,
): KnownBlock[] {
  const actionsId = `record:${recordType}:${recordId}`;
  const index = blocks.findIndex((block) => block.type === "actions" && block.block_id === actionsId);
  if (index < 0) return blocks;
  const start = index > 0 && blocks[index - 1]?.type === "section" ? index - 1 : index;
  const replacement: KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: note }] };
  return [...blocks.slice(0, start), replacement, ...blocks.slice(index + 1)];
}
