// Short messages to admins and managers that are not digests.
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "./digest-blocks.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

export function repNotFoundNotice(email: string, name: string | null): SlackMessage {
  const who = name ? `${escapeMrkdwn(name)} (${escapeMrkdwn(email)})` : escapeMrkdwn(email);
  const text =
    `${who} has findings but no Slack account with that email, so they get no digest. ` +
    "Check the email in the CRM or invite them to Slack. You will not be told again about this rep.";
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }];
  return { text: `${escapeMrkdwn(name ?? email)} could not be found in Slack`, blocks };
}
