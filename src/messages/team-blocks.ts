// A team's Required 7 scorecards as a monospaced table (Block Kit has no table), split into
// sections that each stay under 3,000 characters.
import type { KnownBlock } from "@slack/types";
import { ruleName } from "../domain/rule-names.ts";
import { type StuckListing, stuckFor } from "../domain/stuck.ts";
import type { TeamScorecard } from "../views/scorecard-table.ts";
import { scorecardTable } from "../views/scorecard-table.ts";
import type { SlackMessage } from "./digest-blocks.ts";
import { escapeMrkdwn, plainText, truncate } from "./mrkdwn.ts";

const CHUNK = 2_900;

function tableSections(table: string): KnownBlock[] {
  const sections: KnownBlock[] = [];
  let chunk: string[] = [];
  let length = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    sections.push({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${chunk.join("\n")}\`\`\`` } });
    chunk = [];
    length = 0;
  };
  // Measured after escaping (a name with "&" grows), and one very long name is cut, so no
  // section passes Slack's 3,000 characters and the whole message is never refused.
  for (const raw of table.split("\n")) {
    const line = truncate(escapeMrkdwn(raw), CHUNK);
    if (length + line.length + 1 > CHUNK) flush();
    chunk.push(line);
    length += line.length + 1;
  }
  flush();
  return sections;
}

/**
 * Findings still open long after their nudge, per rep, worst first: the ones a word from the
 * manager may move. Sections of whole reps, each under Slack's 3,000 characters.
 */
function stuckSections(stuck: readonly StuckListing[], after: number): KnownBlock[] {
  if (stuck.length === 0) return [];
  const parts = [
    `*Stuck after a nudge*: findings still open ${after} working day${after === 1 ? "" : "s"} or more after the first nudge`,
    ...stuck.map((rep) =>
      [
        `*${escapeMrkdwn(rep.name)}*`,
        ...rep.findings.map(
          (f) =>
            `• ${escapeMrkdwn(ruleName(f.rule))}: ${escapeMrkdwn(f.recordName)}, ${stuckFor(f.workingDays)}`,
        ),
        ...(rep.more > 0 ? [`and ${rep.more} more`] : []),
      ].join("\n"),
    ),
  ];
  const sections: KnownBlock[] = [];
  let text = "";
  for (const part of parts.map((raw) => truncate(raw, CHUNK))) {
    if (text !== "" && text.length + part.length + 2 > CHUNK) {
      sections.push({ type: "section", text: { type: "mrkdwn", text } });
      text = "";
    }
    text = text === "" ? part : `${text}\n\n${part}`;
  }
  sections.push({ type: "section", text: { type: "mrkdwn", text } });
  return sections;
}

export function teamMessage(
  title: string,
  teams: TeamScorecard[],
  stuck: { reps: readonly StuckListing[]; after: number } = { reps: [], after: 0 },
  /** Sections that lead, under the header: what asks the manager to act (approvals). */
  lead: readonly KnownBlock[] = [],
): SlackMessage {
  const blocks: KnownBlock[] = [{ type: "header", text: plainText(title, 150) }, ...lead];
  for (const team of teams) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(team.title)}*: ${team.rows.length} reps, ${team.team.findings} open findings`,
      },
    });
    blocks.push(...tableSections(scorecardTable([...team.rows, team.team])));
  }
  if (teams.length === 0)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: "No reps to show." } });
  blocks.push(...stuckSections(stuck.reps, stuck.after));
  return { text: escapeMrkdwn(title), blocks: blocks.slice(0, 50) };
}
