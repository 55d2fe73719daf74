// "Did you use X this month?" Yes / No: the first answer is recorded and the message says so in place.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { checkInAnswered } from "../../../messages/give-back-views.ts";
import { isTeamMember } from "../../../services/access.ts";
import { teamOnlyMessage } from "../../views/team-only.ts";
import { repKey } from "../rep-key.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function checkInAction(services: ListenerServices) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const [projectId, month, answer] = (action.value ?? "").split("|");
    if (!projectId || !month || !/^\d{4}-\d{2}$/.test(month) || (answer !== "yes" && answer !== "no")) {
      await respond({
        replace_original: false,
        response_type: "ephemeral",
        text: "That button is out of date.",
      });
      return;
    }
    // Adoption is the team's: an answer from anyone else (a forwarded button) is not counted.
    const { viewer } = await services.nudge.viewer(body.user.id);
    if (!isTeamMember(viewer)) {
      await respond({
        replace_original: false,
        response_type: "ephemeral",
        ...teamOnlyMessage("checkIn"),
      });
      return;
    }
    const email = await repKey(services, body.user.id);
    const { first, project } = await services.giveBacks.answerCheckIn(
      email,
      projectId,
      month,
      answer === "yes",
    );
    await respond({ replace_original: true, ...checkInAnswered(project, month, answer === "yes", first) });
  };
}
