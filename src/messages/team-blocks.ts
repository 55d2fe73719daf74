// A team's Required 7 scorecards as a monospaced table (Block Kit has no table), split into
// sections that each stay under 3,000 characters.
import type { KnownBlock } from "@slack/types";
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

export function teamMessage(title: string, teams: TeamScorecard[]): SlackMessage {
  const blocks: KnownBlock[] = [{ type: "header", text: plainText(title, 150) }];
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
  return { text: escapeMrkdwn(title), blocks: blocks.slice(0, 50) };
}
