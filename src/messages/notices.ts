// Short messages to admins and managers that are not digests.
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "./digest-blocks.ts";
import { QUIET_ACTION_IDS } from "./ids.ts";
import { escapeMrkdwn, mention } from "./mrkdwn.ts";

/** To admins, once per problem: the pipeline read cannot be used, so nobody was nudged. */
export function unusableReadNotice(source: string, problem: string): SlackMessage {
  const text =
    `nudgebot read ${escapeMrkdwn(source)} but cannot use what it read, so no digest went out:\n` +
    `\`\`\`${escapeMrkdwn(problem.slice(0, 2_500)).replace(/`/g, "'")}\`\`\`\n` +
    "Fix the export (or the csv: settings it names) and the next cycle sends as usual.";
  return {
    text: `nudgebot cannot use the pipeline read from ${escapeMrkdwn(source)}: no digest went out`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}

/** The block id carries the CRM email the choice is for: Slack hands it back with the action. */
export const LINK_BLOCK_PREFIX = "link:";

/** A user picker that links a rep's CRM email to the Slack account an admin picks. */
function linkPicker(email: string, label: string): KnownBlock {
  return {
    type: "section",
    block_id: `${LINK_BLOCK_PREFIX}${email}`.slice(0, 255),
    text: { type: "mrkdwn", text: label },
    accessory: {
      type: "users_select",
      action_id: QUIET_ACTION_IDS.linkUser,
      placeholder: { type: "plain_text", text: "Pick their Slack account" },
    },
  };
}

export function repNotFoundNotice(email: string, name: string | null): SlackMessage {
  const who = name ? `${escapeMrkdwn(name)} (${escapeMrkdwn(email)})` : escapeMrkdwn(email);
  const text =
    `${who} has findings but no Slack account with that email, so they get no digest. ` +
    "If they use Slack under another email, pick them here and their digests start. " +
    "Otherwise check the email in the CRM or invite them to Slack. You will not be told again about this rep.";
  const blocks: KnownBlock[] = [linkPicker(email, `:warning: ${text}`)];
  return { text: `${escapeMrkdwn(name ?? email)} could not be found in Slack`, blocks };
}

/** What the notice becomes once an admin has picked the account. */
export function repLinkedNotice(email: string, name: string | null, userId: string): SlackMessage {
  const who = name ? `${escapeMrkdwn(name)} (${escapeMrkdwn(email)})` : escapeMrkdwn(email);
  const text = `:link: ${who} is now linked to ${mention(userId)}: their digests start with the next run in their window.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** App Home, for admins: reps with findings that no Slack account was found for, each with a picker. */
export function unlinkedRepsBlocks(reps: { email: string; name: string }[]): KnownBlock[] {
  if (reps.length === 0) return [];
  const shown = reps.slice(0, 10);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Reps not found in Slack* (${reps.length}): they get no digest until linked.`,
      },
    },
    ...shown.map((rep) => linkPicker(rep.email, `${escapeMrkdwn(rep.name)} (${escapeMrkdwn(rep.email)})`)),
  ];
  if (reps.length > shown.length) {
    blocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: `and ${reps.length - shown.length} more; or map them in \`slackUsers:\`` },
      ],
    });
  }
  blocks.push({ type: "divider" });
  return blocks;
}

/** To admins, once: the help desk refused the bot's credentials, so no breach alert goes out. */
export function supportUnauthorizedNotice(deskUrl: string): SlackMessage {
  const text =
    `Zendesk (${escapeMrkdwn(deskUrl)}) refused nudgebot's credentials, so no breach alert goes out. ` +
    "Check ZENDESK_EMAIL and ZENDESK_API_TOKEN (the token must be active and the user an agent) and restart; " +
    "digests are not affected.";
  return {
    text: "Zendesk refused nudgebot's credentials: no breach alerts until they are fixed",
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}
