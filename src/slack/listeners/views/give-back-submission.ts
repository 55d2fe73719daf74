// A Give Back project: validated field by field, saved with its channel post queued, then sent.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { readViewValues } from "../../../messages/inputs.ts";
import { validateForm } from "../../../services/forms/form-fields.ts";
import { GIVE_BACK_CHECKS, giveBackForm } from "../../../services/forms/give-back-form.ts";
import { repKey } from "../rep-key.ts";
import type { ListenerServices } from "../services.ts";
import { submitterErrors } from "../team-member.ts";

export function giveBackSubmission(services: ListenerServices) {
  return async ({
    ack,
    body,
    view,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const refused = await submitterErrors(services, body.user.id, "title", "giveBack");
    if (refused) {
      await ack({ response_action: "errors", errors: refused });
      return;
    }
    const form = validateForm(giveBackForm, readViewValues(view.state), GIVE_BACK_CHECKS);
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    const email = await repKey(services, body.user.id);
    await services.giveBacks.submit(email, body.user.id, form.data);
    await ack();
    await services.sender.drain();
  };
}
