// App Home: the rep's scorecard, their findings in the digest's shape (focus records with the same
// buttons, the rest counted by rule, one rule opened up when asked), and for managers and admins
// the team table.
import type { KnownBlock, View } from "@slack/types";
import type { DigestPlan } from "../../domain/digest-plan.ts";
import type { RuleId } from "../../domain/findings.ts";
import { plural, recordBlocks, ruleLineBlock } from "../../messages/digest-blocks.ts";
import { giveBackListBlocks, type ProjectRow } from "../../messages/give-back-views.ts";
import type { CrmName } from "../../messages/record-actions.ts";
import { teamMessage } from "../../messages/team-blocks.ts";
import { weeklyCleanupBlocks } from "../../messages/weekly-cleanup-blocks.ts";
import type { ScopedReport } from "../../services/stats.ts";
import type { TeamScorecard } from "../../views/scorecard-table.ts";
import { scorecardBlocks } from "./command-blocks.ts";
import { ruleRecordBlocks } from "./rule-list.ts";
import { statsBlocks } from "./stats-blocks.ts";

/** App Home views take up to 100 blocks; an opened rule line lists at most this many. */
const OPENED_RULE_BLOCKS = 40;

export interface HomeFindings {
  plan: DigestPlan | null;
  crm: CrmName;
  /** The rule line the rep opened with its button, listed under it. */
  openRule?: RuleId | null;
}

export function homeView(
  { plan, crm, openRule = null }: HomeFindings,
  teams: TeamScorecard[],
  adoption: { rows: ProjectRow[]; goal: number } = { rows: [], goal: 0.7 },
  /** Quiet days: the viewer's pause (with Resume) and, for admins, reps to link to Slack. */
  quiet: KnownBlock[] = [],
  stats: ScopedReport | null = null,
): View {
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Your Required 7" } }];
  blocks.push(...quiet);
  const digest = plan?.digest ?? null;
  if (plan === null || digest === null) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "You have no records in the pipeline nudgebot reads, so there is nothing to score.",
      },
    });
  } else {
    blocks.push(...scorecardBlocks(digest.scorecard), { type: "divider" });
    if (digest.findingCount === 0 && !plan.weekly) {
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: ":white_check_mark: Nothing to fix right now." },
      });
    } else {
      blocks.push({
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*To fix first* (${plural(digest.findingCount, "finding")} on ${plural(digest.records.length, "record")})`,
        },
      });
      for (const group of plan.focus) blocks.push(...recordBlocks(group, crm, plan.newKeys));
      if (plan.lines.length > 0) blocks.push({ type: "divider" });
      for (const line of plan.lines) {
        blocks.push(ruleLineBlock(line));
        if (line.rule === openRule) blocks.push(...ruleRecordBlocks(line, crm, OPENED_RULE_BLOCKS));
      }
    }
    blocks.push(...weeklyCleanupBlocks(plan.weekly));
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
