// /giveback opens the Give Back modal; /giveback list shows the projects with their adoption.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { noticeMessage } from "../../views/command-blocks.ts";
import { giveBackListBlocks, giveBackModal } from "../../views/give-back-views.ts";
import { afterAck } from "../after-ack.ts";
import type { ListenerServices } from "../services.ts";

export function givebackCommand(services: ListenerServices) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const word = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    if (word !== "" && word !== "list") {
      await ack({
        response_type: "ephemeral",
        ...noticeMessage(
          "*/giveback*: submit a Give Back project · */giveback list*: projects and their adoption",
        ),
      });
      return;
    }
    await ack();
    if (word === "") {
      await services.nudge.slack.openView(command.trigger_id, giveBackModal());
      return;
    }
    await afterAck();
    const { viewer } = await services.nudge.viewer(command.user_id);
    const rows = await services.giveBacks.list(viewer, viewer.rep?.timezone ?? "UTC");
    await respond({
      response_type: "ephemeral",
      text: "Give Back projects",
      blocks: giveBackListBlocks(rows, services.config.adoptionGoal),
    });
  };
}
