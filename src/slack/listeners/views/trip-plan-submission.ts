// The ROI planner's submission: validated, saved as a planned trip, answered in the modal itself.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { readViewValues } from "../../../messages/inputs.ts";
import { tripPlanResult } from "../../../messages/trip-views.ts";
import { validateForm } from "../../../services/forms/form-fields.ts";
import { TRIP_CHECKS, tripPlanForm } from "../../../services/forms/trip-forms.ts";
import { repKey } from "../rep-key.ts";
import type { ListenerServices } from "../services.ts";
import { submitterErrors } from "../team-member.ts";

export function tripPlanSubmission(services: ListenerServices) {
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
    const form = validateForm(tripPlanForm, readViewValues(view.state), TRIP_CHECKS);
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    const email = await repKey(services, body.user.id);
    const { roi } = await services.trips.plan(email, form.data);
    const { returnMultiple, eventCloseRate } = services.config.roi;
    await ack({
      response_action: "update",
      view: tripPlanResult(form.data.eventName, roi, returnMultiple, eventCloseRate),
    });
  };
}
