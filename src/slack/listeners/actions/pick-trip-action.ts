// The trip picked in the first step of /tripnote: the notes form opens prefilled from it.
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from "@slack/bolt";
import { tripNotesModal } from "../../../messages/trip-views.ts";
import { repKey } from "../rep-key.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

export function pickTripAction(services: ListenerServices) {
  return async ({ ack, body, action }: Args): Promise<void> => {
    await ack();
    const viewId = body.view?.id;
    if (!viewId) return;
    const email = await repKey(services, body.user.id);
    const choice = action.selected_option?.value ?? "none";
    const trip = choice === "none" ? null : await services.trips.plannedTrip(email, choice);
    await services.slack.updateView(viewId, tripNotesModal(trip));
  };
}
