// An admin picked the Slack account of a rep not found by email: store the link, say so in place
// (the notice, or App Home republished).
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  UsersSelectAction,
} from "@slack/bolt";
import { escapeMrkdwn } from "../../../messages/mrkdwn.ts";
import { LINK_BLOCK_PREFIX, repLinkedNotice } from "../../../messages/notices.ts";
import { noticeMessage } from "../../views/command-blocks.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<UsersSelectAction>> & AllMiddlewareArgs;

export function linkUserAction(services: ListenerServices) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const email = action.block_id.startsWith(LINK_BLOCK_PREFIX)
      ? action.block_id.slice(LINK_BLOCK_PREFIX.length)
      : "";
    const userId = action.selected_user ?? "";
    if (!email || !userId) return;
    const { viewer } = await services.nudge.viewer(body.user.id);
    const outcome = await services.links.link(viewer, email, userId);
    const inHome = body.container?.type === "view";
    if (outcome.status === "refused") {
      if (!inHome) {
        await respond({
          replace_original: false,
          response_type: "ephemeral",
          ...noticeMessage(escapeMrkdwn(outcome.message)),
        });
      }
      return;
    }
    if (inHome) await publishHome(services, body.user.id);
    else await respond({ replace_original: true, ...repLinkedNotice(outcome.email, outcome.name, userId) });
  };
}
