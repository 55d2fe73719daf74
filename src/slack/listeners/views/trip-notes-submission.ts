// Trip notes: validated field by field, saved (with their post and confirmation queued), then sent.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { readViewValues } from "../../../messages/inputs.ts";
import { validateForm } from "../../../services/forms/form-fields.ts";
import { TRIP_CHECKS, tripNotesForm } from "../../../services/forms/trip-forms.ts";
import { repKey } from "../rep-key.ts";
import type { ListenerServices } from "../services.ts";
import { submitterErrors } from "../team-member.ts";

export function tripNotesSubmission(services: ListenerServices) {
  return async ({
    ack,
    body,
    view,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const refused = await submitterErrors(services, body.user.id, "eventName", "trips");
    if (refused) {
      await ack({ response_action: "errors", errors: refused });
      return;
    }
    const metadata = JSON.parse(view.private_metadata || "{}") as { tripId?: string | null };
    const form = validateForm(
      tripNotesForm,
      {
        ...readViewValues(view.state),
        tripId: metadata.tripId ?? null,
      },
      TRIP_CHECKS,
    );
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    const email = await repKey(services, body.user.id);
    await services.trips.submitNotes(email, body.user.id, form.data);
    await ack();
    await services.sender.drain();
  };
}
