// App Home's weekly rules. For admins: the rules kept for the weekly cleanup and why, and the noisy
// rules still daily, each with its button ("Back to daily" beside a weekly rule, "Move to weekly"
// beside the rest); for everyone else one line saying which rules are weekly and why.
import type { KnownBlock } from "@slack/types";
import { RULE_IDS, type RuleId } from "../../domain/findings.ts";
import { ruleName } from "../../domain/rule-names.ts";
import { ACTION_IDS } from "../../messages/ids.ts";
import { escapeMrkdwn, plainText } from "../../messages/mrkdwn.ts";
import type { WeeklyRuleRow } from "../../services/weekly-rules.ts";
import { weeklyRowText } from "../../views/weekly-rules-text.ts";

export interface RuleMoveValue {
  rule: RuleId;
  to: "weekly" | "daily";
}

export const encodeRuleMove = (value: RuleMoveValue): string => `${value.to}|${RULE_IDS.indexOf(value.rule)}`;

export function decodeRuleMove(text: string | undefined): RuleMoveValue | null {
  const match = /^(weekly|daily)\|(\d+)$/.exec(text ?? "");
  const rule = match ? RULE_IDS[Number(match[2])] : undefined;
  return match && rule ? { rule, to: match[1] as RuleMoveValue["to"] } : null;
}

/** For everyone else: which rules are weekly and why, in one line, without buttons. */
export function weeklyRulesNote(rows: readonly WeeklyRuleRow[]): KnownBlock[] {
  const weekly = rows.flatMap((row) => (row.weekly ? [row.weekly] : []));
  if (weekly.length === 0) return [];
  const list = weekly.map((rule) => `${ruleName(rule.rule)} (${rule.reason})`).join(", ");
  return [
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: escapeMrkdwn(`Listed once a week, on Monday, under Weekly cleanup: ${list}.`),
        },
      ],
    },
  ];
}

export function weeklyRulesBlocks(rows: readonly WeeklyRuleRow[]): KnownBlock[] {
  if (rows.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*Weekly cleanup (admins)*: weekly rules leave the daily digest and are listed once a week, on Monday.",
      },
    },
  ];
  for (const row of rows) {
    const to = row.weekly ? "daily" : "weekly";
    blocks.push({
      type: "section",
      block_id: `weekly:${row.rule}`,
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(ruleName(row.rule))}* · ${escapeMrkdwn(weeklyRowText(row))}`,
      },
      accessory: {
        type: "button",
        action_id: ACTION_IDS.moveRule,
        text: plainText(to === "weekly" ? "Move to weekly" : "Back to daily", 75),
        value: encodeRuleMove({ rule: row.rule, to }),
      },
    });
  }
  return blocks;
}
