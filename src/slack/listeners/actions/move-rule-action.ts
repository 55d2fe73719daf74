// App Home's "Move to weekly" / "Back to daily" beside a rule: an admin's move is stored and App Home
// republished; anyone else is told, in a small modal, that only admins move rules.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import { decodeRuleMove } from "../../views/weekly-rules-blocks.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export const ADMINS_ONLY =
  "Only admins move rules between the daily digest and the weekly cleanup. Ask an admin of nudgebot.";

function refusedModal(): View {
  return {
    type: "modal",
    title: { type: "plain_text", text: "Weekly cleanup" },
    close: { type: "plain_text", text: "Close" },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: ADMINS_ONLY } }],
  };
}

export function moveRuleAction(services: ListenerServices) {
  return async ({ ack, body, action }: Args): Promise<void> => {
    await ack();
    const move = decodeRuleMove(action.value);
    if (!move) return;
    const { viewer } = await services.nudge.viewer(body.user.id);
    const outcome = await services.weekly.move(viewer, move.rule, move.to);
    if (outcome.status === "forbidden") {
      await services.slack.openView(body.trigger_id, refusedModal());
      return;
    }
    await publishHome(services, body.user.id);
  };
}
