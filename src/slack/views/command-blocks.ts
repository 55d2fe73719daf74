// Replies to /nudge subcommands that are not digests: scorecard, help, run summary, refusals.
import type { KnownBlock } from "@slack/types";
import type { Scorecard } from "../../domain/scorecard.ts";
import { formatScore } from "../../domain/scorecard.ts";
import type { SlackMessage } from "../../messages/digest-blocks.ts";
import { escapeMrkdwn, QUOTE_MAX, SECTION_TEXT_MAX, truncate } from "../../messages/mrkdwn.ts";
import type { CycleSummary } from "../../services/nudge-cycle.ts";

export function scorecardBlocks(card: Scorecard): KnownBlock[] {
  const lines = card.skills.map((skill) => {
    const detail =
      skill.applicable === 0 ? "nothing to check" : `${skill.clean} of ${skill.applicable} records clean`;
    return `${skill.number}. *${skill.title}*: ${formatScore(skill.score)} (${detail})`;
  });
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*Required 7 scorecard: ${formatScore(card.overall)}*` },
    },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
}

export function scorecardMessage(card: Scorecard): SlackMessage {
  return { text: `Your Required 7 scorecard: ${formatScore(card.overall)}`, blocks: scorecardBlocks(card) };
}

export const NUDGE_USAGE = [
  "*/nudge* or */nudge me*: your findings now, with buttons to fix or snooze them",
  "*/nudge score*: your Required 7 scorecard",
  "*/nudge team*: your team's scorecards (managers and admins)",
  "*/nudge stats*: do nudges work? fix rate per rule, noisy rules (managers and admins)",
  "*/nudge run*: run the nudge cycle now (admins)",
  "*/nudge pause* [`5d` | `2026-12-31`]: no nudges until your next working day, or for up to 30 days; managers and admins: */nudge pause @rep 5d*",
  "*/nudge resume*: nudges back on (managers and admins: */nudge resume @rep*)",
  "*/nudge help*: this list",
].join("\n");

export function usageMessage(unknown?: string): SlackMessage {
  const intro = unknown
    ? `I don't know \`${truncate(escapeMrkdwn(unknown), QUOTE_MAX)}\`. Here is what I can do:\n`
    : "";
  return {
    text: "How to use /nudge",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `${intro}${NUDGE_USAGE}` } }],
  };
}

/** A one-section reply; text past Slack's section limit is cut rather than have Slack refuse it all. */
export function noticeMessage(text: string): SlackMessage {
  const cut = truncate(text, SECTION_TEXT_MAX);
  return { text: cut, blocks: [{ type: "section", text: { type: "mrkdwn", text: cut } }] };
}

export function runSummaryMessage(summary: CycleSummary): SlackMessage {
  const lines = [
    `*Nudge cycle done.* ${summary.findings} findings in the pipeline.`,
    `• Digests queued now: ${summary.queued} (already sent today: ${summary.alreadySent})`,
    `• Messages delivered: ${summary.delivered}${summary.waiting > 0 ? `, ${summary.waiting} waiting for a retry` : ""}`,
    summary.notFound.length > 0
      ? `• Not found in Slack (${summary.notFound.length}): ${summary.notFound.map(escapeMrkdwn).join(", ")}`
      : "• Every rep with findings was found in Slack",
    ...(summary.away ? [`• Away by their Slack status (asked again each minute): ${summary.away}`] : []),
  ];
  return noticeMessage(lines.join("\n"));
}
