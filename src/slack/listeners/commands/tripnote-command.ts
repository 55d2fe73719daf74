// /tripnote opens the trip notes modal (first asking which planned trip, when there are any);
// /tripnote plan opens the event ROI planner.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { tripNotesModal, tripPickModal, tripPlanModal } from "../../../messages/trip-views.ts";
import { noticeMessage } from "../../views/command-blocks.ts";
import { teamOnlyMessage } from "../../views/team-only.ts";
import { repKey } from "../rep-key.ts";
import type { ListenerServices } from "../services.ts";
import { BEFORE_MODAL_MS, membership } from "../team-member.ts";

export function tripnoteCommand(services: ListenerServices) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const word = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    if (word !== "" && word !== "plan") {
      await ack({
        response_type: "ephemeral",
        ...noticeMessage(
          "*/tripnote*: share trip notes · */tripnote plan*: work out an event's ROI before you go",
        ),
      });
      return;
    }
    await ack();
    // The trigger id lives 3 seconds: nothing slow before the modal opens. A check that takes
    // longer lets the modal open, and the submission is checked again.
    const member = await membership(services, command.user_id, {
      budgetMs: BEFORE_MODAL_MS,
      beforeModal: true,
    });
    if (member === "outsider") {
      await respond({ response_type: "ephemeral", ...teamOnlyMessage("trips") });
      return;
    }
    if (word === "plan") {
      await services.slack.openView(command.trigger_id, tripPlanModal());
      return;
    }
    const trips = await services.trips.plannedTrips(await repKey(services, command.user_id));
    await services.slack.openView(
      command.trigger_id,
      trips.length > 0 ? tripPickModal(trips) : tripNotesModal(null),
    );
  };
}
