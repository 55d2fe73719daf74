// The support queue's lines in digests: "From Support" in a rep's daily digest, "Needs your
// approval" in a manager's weekly one. Subjects are the customer's words: always escaped.
import type { KnownBlock } from "@slack/types";
import type { SupportLine } from "../domain/forwarded-tickets.ts";
import { escapeMrkdwn, mrkdwnLink, SECTION_TEXT_MAX, truncate } from "./mrkdwn.ts";

/** Enough of a subject to recognise the ticket; the rest is one click away. */
const SUBJECT_MAX = 150;

/** `• #4021 Refund for unused seats · refund` with the number linking to the ticket. */
function lineText(line: SupportLine): string {
  const subject = truncate(escapeMrkdwn(line.subject.replace(/\s+/g, " ").trim()), SUBJECT_MAX);
  const rep = line.rep ? ` · ${escapeMrkdwn(line.rep)}` : "";
  return `• ${mrkdwnLink(line.url, `#${line.ticketId}`)} ${subject} · \`${escapeMrkdwn(line.tag)}\`${rep}`;
}

/** A heading and the lines, in as few sections as Slack's 3,000 characters allow. */
function sections(heading: string, lines: readonly SupportLine[], maxBlocks: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let text = heading;
  for (const [index, line] of lines.entries()) {
    const next = lineText(line);
    // Room kept for the "…and N more" line that may end the last section.
    if (text.length + 1 + next.length <= SECTION_TEXT_MAX - 30) {
      text = `${text}\n${next}`;
      continue;
    }
    if (blocks.length + 2 >= maxBlocks) {
      text = `${text}\n…and ${lines.length - index} more`;
      break;
    }
    blocks.push({ type: "section", text: { type: "mrkdwn", text } });
    text = next;
  }
  blocks.push({ type: "section", text: { type: "mrkdwn", text } });
  return blocks;
}

/** "From Support": the tickets Support forwarded to the rep since their last digest. */
export function fromSupportBlocks(lines: readonly SupportLine[] = []): KnownBlock[] {
  if (lines.length === 0) return [];
  return sections("*From Support*", lines, 4);
}

/** "Needs your approval": the team's forwarded tickets that ask for a manager's approval. */
export function approvalBlocks(lines: readonly SupportLine[] = []): KnownBlock[] {
  if (lines.length === 0) return [];
  return sections("*Needs your approval* (forwarded by Support)", lines, 4);
}

/** For a message's plain-text fallback: ", 2 tickets from Support". */
export function fromSupportSummary(lines: readonly SupportLine[] = []): string {
  if (lines.length === 0) return "";
  return `, ${lines.length} ${lines.length === 1 ? "ticket" : "tickets"} from Support`;
}
