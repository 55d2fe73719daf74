// For admins in App Home: which rules run on this source, which are off and the key that turns each
// on, and what was left out (Enterprise, money with no rate).
import type { KnownBlock } from "@slack/types";
import type { RuleState } from "../../domain/availability.ts";
import type { LeftOut } from "../../domain/evaluate.ts";
import { ruleName } from "../../domain/rule-names.ts";
import { escapeMrkdwn } from "../../messages/mrkdwn.ts";

/** Section text stays well under Slack's 3,000 characters: reasons are cut, not the list. */
const REASON_LIMIT = 160;

export function ruleStateBlocks(rules: readonly RuleState[], leftOut: LeftOut): KnownBlock[] {
  const on = rules.filter((rule) => rule.on);
  // Off rules, then on rules that check less than they could (possible-duplicate without amounts).
  const told = [...rules.filter((rule) => !rule.on), ...rules.filter((rule) => rule.on && rule.note)];
  const lines = told.map((rule) => {
    const reason = rule.reason ?? rule.note ?? "";
    const cut = reason.length > REASON_LIMIT ? `${reason.slice(0, REASON_LIMIT - 1)}…` : reason;
    return `• *${ruleName(rule.rule)}* ${rule.on ? "on" : "off"}: ${escapeMrkdwn(cut)}`;
  });
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: "Rules (admins)" } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          `${on.length} of ${rules.length} rules on.` +
          (lines.length > 0 ? `\n${lines.join("\n")}` : " Every rule has the fields it needs."),
      },
    },
  ];
  const notes: string[] = [];
  if (leftOut.enterpriseAccounts > 0)
    notes.push(
      `${leftOut.enterpriseAccounts} Enterprise accounts and ${leftOut.enterpriseOpportunities} of their opportunities left out`,
    );
  for (const [currency, count] of Object.entries(leftOut.noRate))
    notes.push(`${count} opportunities in ${escapeMrkdwn(currency)} left out: no conversion rate`);
  if (notes.length > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: notes.join(" · ") }] });
  return blocks;
}
