// The daily digest DM as Block Kit: progress since the last one, a few focus records with their
// fix buttons, and every other finding counted in one line per rule with a button that lists them.
// Within Slack's limits (50 blocks, 3,000-character sections), with a plain-text fallback.
import type { KnownBlock, SectionBlock } from "@slack/types";
import type { DigestPlan, DigestProgress, RuleLine } from "../domain/digest-plan.ts";
import { focusFindings } from "../domain/digest-plan.ts";
import type { RecordFindings } from "../domain/evaluate.ts";
import { RULE_IDS } from "../domain/findings.ts";
import { formatScore } from "../domain/scorecard.ts";
import { ACTION_IDS } from "./ids.ts";
import { escapeMrkdwn, plainText } from "./mrkdwn.ts";
import { type CrmName, recordActions } from "./record-actions.ts";
import { recordText } from "./record-line.ts";
import { fromSupportBlocks, fromSupportSummary } from "./support-blocks.ts";
import { weeklyCleanupBlocks, weeklyCleanupText } from "./weekly-cleanup-blocks.ts";

export { recordActions } from "./record-actions.ts";

export const MAX_BLOCKS = 50;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

export function recordBlocks(
  group: RecordFindings,
  crm: CrmName = null,
  newKeys: ReadonlySet<string> = new Set(),
): KnownBlock[] {
  return [
    { type: "section", text: { type: "mrkdwn", text: recordText(group, undefined, newKeys) } },
    recordActions(group, crm),
  ];
}

/** "Since your digest of 2026-03-09: 4 fixed, 2 new. Required 7: 72% → 76%." */
export function progressText(progress: DigestProgress): string {
  const score =
    progress.scoreBefore === null && progress.scoreNow === null
      ? ""
      : ` Required 7: ${formatScore(progress.scoreBefore)} → ${formatScore(progress.scoreNow)}.`;
  return `Since your digest of ${progress.since}: *${progress.fixed} fixed*, ${progress.new} new.${score}`;
}

/** A rule line with its "Show" button; the value is the rule's index in RULE_IDS. */
export function ruleLineBlock(line: RuleLine): SectionBlock {
  return {
    type: "section",
    block_id: `rule:${line.rule}`,
    text: { type: "mrkdwn", text: escapeMrkdwn(line.text) },
    accessory: {
      type: "button",
      action_id: ACTION_IDS.showRule,
      text: plainText(line.count === 1 ? "Show it" : `Show ${line.count}`, 75),
      value: String(RULE_IDS.indexOf(line.rule)),
    },
  };
}

/** The plan's body, shared by the digest, /nudge me and App Home: focus records, then rule lines. */
export function planBlocks(plan: DigestPlan, crm: CrmName): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const group of plan.focus) blocks.push(...recordBlocks(group, crm, plan.newKeys));
  if (plan.lines.length > 0) blocks.push({ type: "divider" });
  for (const line of plan.lines) blocks.push(ruleLineBlock(line));
  blocks.push(...weeklyCleanupBlocks(plan.weekly));
  return blocks;
}

export interface DigestMessageOptions {
  /** The CRM's name for "Open in …"; null when records have no page to open. */
  crm: CrmName;
  /** The header; a digest's is "Pipeline nudges for <date>". */
  title?: string;
}

export function digestMessage(plan: DigestPlan, options: DigestMessageOptions): SlackMessage {
  const { digest } = plan;
  const name = digest.rep?.name.split(" ")[0] ?? "there";
  const start = plan.focus.length === 1 ? "Start with this one" : `Start with these ${plan.focus.length}`;
  const summary =
    `${plural(digest.findingCount, "thing")} to fix. ${start}; the rest are counted below. ` +
    `Your Required 7: *${formatScore(digest.scorecard.overall)}*.`;
  const blocks: KnownBlock[] = [
    { type: "header", text: plainText(options.title ?? `Pipeline nudges for ${digest.today}`, 150) },
  ];
  if (plan.progress)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: progressText(plan.progress) } });
  const rest = plan.lines.length > 0 ? summary : summary.replace("; the rest are counted below", "");
  // A digest can go out for Support's tickets alone, or, on a cleanup day, for the weekly section.
  const greeting =
    digest.findingCount > 0
      ? rest
      : plan.weekly
        ? `nothing new to fix today; your weekly cleanup is below. Your Required 7: *${formatScore(digest.scorecard.overall)}*.`
        : `nothing to fix in your pipeline. Your Required 7: *${formatScore(digest.scorecard.overall)}*.`;
  blocks.push({ type: "section", text: { type: "mrkdwn", text: `Hi ${escapeMrkdwn(name)}, ${greeting}` } });
  // Before the records: a forwarded ticket is rarer and more urgent than a finding.
  blocks.push(...fromSupportBlocks(plan.fromSupport));
  blocks.push(...planBlocks(plan, options.crm));
  const text =
    `Pipeline nudges for ${digest.today}: ${plural(digest.findingCount, "thing")} in ${plural(digest.records.length, "record")} to fix` +
    `${plan.progress ? `, ${plan.progress.fixed} fixed since your last digest` : ""}${fromSupportSummary(plan.fromSupport)}.` +
    (plan.weekly ? ` ${weeklyCleanupText(plan.weekly)}.` : "");
  return { text, blocks: blocks.slice(0, MAX_BLOCKS) };
}

/** Findings the message accounts for: those in focus plus the rule lines' counts. */
export function accountedFindings(plan: DigestPlan): number {
  return focusFindings(plan) + plan.lines.reduce((sum, line) => sum + line.count, 0);
}
