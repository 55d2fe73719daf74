// /giveback opens the Give Back modal; /giveback list shows the projects with their adoption.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { giveBackListBlocks, giveBackModal } from "../../../messages/give-back-views.ts";
import { noticeMessage } from "../../views/command-blocks.ts";
import { teamOnlyMessage } from "../../views/team-only.ts";
import { afterAck } from "../after-ack.ts";
import type { ListenerServices } from "../services.ts";
import { BEFORE_MODAL_MS, membership } from "../team-member.ts";

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
      // Within the trigger id's 3 seconds; the submission is checked again.
      const member = await membership(services, command.user_id, {
        budgetMs: BEFORE_MODAL_MS,
        beforeModal: true,
      });
      if (member === "outsider") {
        await respond({ response_type: "ephemeral", ...teamOnlyMessage("giveBack") });
        return;
      }
      await services.slack.openView(command.trigger_id, giveBackModal());
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
