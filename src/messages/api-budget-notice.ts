// The DM admins get (once a day) while Salesforce reads are paused to spare the org's API limit.
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "./digest-blocks.ts";

export function apiBudgetNotice(usedPercent: number, maxPercent: number): SlackMessage {
  const text =
    `Salesforce API usage is at ${usedPercent}% of the org's daily limit, above the ${maxPercent}% nudgebot may use ` +
    "(salesforce.maxApiUsagePercent), so it has paused reading Salesforce. Digests use the last records read " +
    "until usage falls. Raise the setting, or find what else is spending the limit.";
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }];
  return { text: "Salesforce reads paused: API usage above the limit set for nudgebot", blocks };
}
