// A fix modal's submission. Slack wants the answer within 3 seconds and the CRM may take longer,
// so: validate synchronously (errors shown beside the fields), answer with a "Saving…" view, and
// only then re-read the record and write it; the modal is updated with the result (or the form
// again, with what the CRM said and what the person typed), then the nudge is updated in place.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { isValidTimezone } from "../../../domain/dates.ts";
import { FIX_FIELD_NAMES, type FixFieldName, savedNote } from "../../../domain/fix-fields.ts";
import { FIX_KINDS } from "../../../messages/ids.ts";
import { readViewValues } from "../../../messages/inputs.ts";
import { escapeMrkdwn } from "../../../messages/mrkdwn.ts";
import type { FixOutcome } from "../../../services/record-fixes.ts";
import {
  type FixModalContext,
  fixBlockId,
  fixFormModal,
  fixNotSaved,
  fixOutcomeModal,
  fixSavedModal,
  fixSavingModal,
} from "../../views/fix-modal.ts";
import { afterAck } from "../after-ack.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const fieldName = z.enum(FIX_FIELD_NAMES as [FixFieldName, ...FixFieldName[]]);

const contextSchema = z.object({
  kind: z.enum(FIX_KINDS),
  recordType: z.enum(["opportunity", "account"]),
  recordId: z.string().min(1),
  heading: z.string(),
  owner: z.string(),
  tz: z.string().refine(isValidTimezone),
  tierDetails: z.boolean(),
  fields: z.array(fieldName).min(1),
  choices: z.partialRecord(fieldName, z.array(z.string())),
  elsewhere: z.array(z.object({ label: z.string(), where: z.string() })),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

function parseContext(text: string): FixModalContext | null {
  try {
    const parsed = contextSchema.safeParse(JSON.parse(text || "{}"));
    return parsed.success ? (parsed.data as FixModalContext) : null;
  } catch {
    return null;
  }
}

function resultView(
  outcome: Exclude<FixOutcome, { status: "saved" }>,
  context: FixModalContext,
  values: Record<string, string | null>,
) {
  const where = { channel: context.channel, ts: context.ts };
  switch (outcome.status) {
    case "refused":
      return fixFormModal(context, where, {
        values,
        problem: { field: outcome.field, message: outcome.message },
      });
    case "failed":
      return fixFormModal(context, where, {
        values,
        problem: { field: null, message: fixNotSaved(context.kind) },
      });
    default:
      return fixOutcomeModal(context, outcome);
  }
}

export function fixSubmission(services: ListenerServices) {
  const { nudge, fixes } = services;
  return async ({ ack, body, view }: Args): Promise<void> => {
    const context = parseContext(view.private_metadata);
    if (!context) {
      const [firstBlock = "form"] = Object.keys(view.state.values);
      await ack({
        response_action: "errors",
        errors: { [firstBlock]: "This form is out of date: open it again from the nudge." },
      });
      return;
    }
    const byBlock = readViewValues(view.state);
    const values = Object.fromEntries(
      context.fields.map((name) => [name, byBlock[fixBlockId(name)] ?? null]),
    );
    const errors = fixes.validate(context, values);
    if (Object.keys(errors).length > 0) {
      await ack({
        response_action: "errors",
        errors: Object.fromEntries(
          Object.entries(errors).map(([name, message]) => [fixBlockId(name), message ?? ""]),
        ),
      });
      return;
    }
    await ack({ response_action: "update", view: fixSavingModal(context.kind) });
    await afterAck();

    const outcome = await fixes.save(body.user.id, context, values);
    if (outcome.status !== "saved") {
      await nudge.replaceModal(view.id, resultView(outcome, context, values));
      return;
    }
    await nudge.replaceModal(view.id, fixSavedModal(context, outcome.patch));
    const { channel, ts } = context;
    if (channel && ts) {
      const note = `:white_check_mark: ${escapeMrkdwn(savedNote(context.kind, outcome.patch))}`;
      await nudge.replaceRecordInNudge(channel, ts, context.recordType, context.recordId, note);
    }
    await publishHome(services, body.user.id);
  };
}
