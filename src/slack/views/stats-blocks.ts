// The effectiveness report in Slack: /nudge stats and the App Home section for admins and managers.
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../../messages/digest-blocks.ts";
import { escapeMrkdwn } from "../../messages/mrkdwn.ts";
import type { ScopedReport } from "../../services/stats.ts";
import { effectivenessTable, noisyAdvice, weeklyScoreLine } from "../../views/effectiveness-table.ts";
import { holdoutTable, provenLines } from "../../views/holdout-table.ts";
import { supportQueueLine } from "../../views/support-queue-line.ts";

export function statsBlocks({ scope, report }: ScopedReport): KnownBlock[] {
  const advice = noisyAdvice(report);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Do nudges work?* ${escapeMrkdwn(scope)}, ${report.period.since} until now`,
      },
    },
    // The table is plain text the bot wrote (rule names and numbers): a code block keeps its columns.
    { type: "section", text: { type: "mrkdwn", text: `\`\`\`${effectivenessTable(report)}\`\`\`` } },
  ];
  if (report.holdout) {
    const proven = provenLines(report.holdout);
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `\`\`\`${holdoutTable(report.holdout)}\`\`\`` },
    });
    if (proven.length > 0)
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: proven.map((line) => `:white_check_mark: ${line}`).join("\n") },
      });
  }
  if (advice.length > 0)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: advice.map((line) => `:warning: ${line}`).join("\n") },
    });
  if (report.supportQueue)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: supportQueueLine(report.supportQueue) } });
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `fixed≤3d: fixed within 3 working days of the first nudge · ${weeklyScoreLine(report)}`,
      },
    ],
  });
  return blocks;
}

export function statsMessage(scoped: ScopedReport): SlackMessage {
  const noisy = scoped.report.rules.filter((row) => row.noisy).length;
  return {
    text: `Nudge effectiveness for ${escapeMrkdwn(scoped.scope)}: ${noisy} noisy rule${noisy === 1 ? "" : "s"}`,
    blocks: statsBlocks(scoped),
  };
}
