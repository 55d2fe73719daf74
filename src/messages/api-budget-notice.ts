// The DM admins get (once a day) while CRM reads are paused to spare the API limit.
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "./digest-blocks.ts";

export interface PausedReads {
  usedPercent: number;
  maxPercent: number;
  /** The config key that allows more, e.g. `salesforce.maxApiUsagePercent`. */
  setting: string;
}

/** `crm` is the source's own name for itself ("Salesforce", "HubSpot"). */
export function apiBudgetNotice(paused: PausedReads, crm: string): SlackMessage {
  const text =
    `${crm} API usage is at ${paused.usedPercent}% of the daily limit, above the ${paused.maxPercent}% nudgebot may use ` +
    `(${paused.setting}), so it has paused reading ${crm}. Digests use the last records read ` +
    "until usage falls. Raise the setting, or find what else is spending the limit.";
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }];
  return { text: `${crm} reads paused: API usage above the limit set for nudgebot`, blocks };
}
