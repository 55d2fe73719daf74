// App Home: the rep's scorecard, their most urgent records with the same buttons as the digest,
// and for managers and admins the team table.
import type { KnownBlock, View } from "@slack/types";
import type { Digest } from "../../domain/digest.ts";
import type { ScopedReport } from "../../services/stats.ts";
import type { TeamScorecard } from "../../services/team-scorecards.ts";
import { scorecardBlocks } from "./command-blocks.ts";
import { recordBlocks } from "./digest-blocks.ts";
import { giveBackListBlocks, type ProjectRow } from "./give-back-views.ts";
import { statsBlocks } from "./stats-blocks.ts";
import { teamMessage } from "./team-blocks.ts";

/** App Home views take up to 100 blocks; leave room for the team table. */
const HOME_RECORDS = 10;

export function homeView(
  digest: Digest | null,
  teams: TeamScorecard[],
  adoption: { rows: ProjectRow[]; goal: number } = { rows: [], goal: 0.7 },
  /** Quiet days: the viewer's pause (with Resume) and, for admins, reps to link to Slack. */
  quiet: KnownBlock[] = [],
  stats: ScopedReport | null = null,
): View {
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Your Required 7" } }];
  blocks.push(...quiet);
  if (digest === null) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "You have no records in the pipeline nudgebot reads, so there is nothing to score.",
      },
    });
  } else {
    blocks.push(...scorecardBlocks(digest.scorecard), { type: "divider" });
    if (digest.findingCount === 0) {
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: ":white_check_mark: Nothing to fix right now." },
      });
    } else {
      blocks.push({
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*To fix first* (${digest.findingCount} findings on ${digest.records.length} records)`,
        },
      });
      for (const group of digest.records.slice(0, HOME_RECORDS)) blocks.push(...recordBlocks(group));
      if (digest.records.length > HOME_RECORDS) {
        blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "The rest: `/nudge me`" }] });
      }
    }
  }
  if (teams.length > 0) {
    blocks.push({ type: "divider" }, ...teamMessage("Team", teams).blocks.slice(1));
  }
  if (stats) blocks.push({ type: "divider" }, ...statsBlocks(stats));
  if (adoption.rows.length > 0) {
    blocks.push({ type: "divider" }, ...giveBackListBlocks(adoption.rows.slice(0, 10), adoption.goal));
  }
  return { type: "home", blocks: blocks.slice(0, 100) };
}
