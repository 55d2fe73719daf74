// "Snooze" on a record: stores the snooze for the record's findings and updates the nudge in place;
// someone who may not change the record is told so, and nothing is stored.
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { decodeSnooze } from "../../../messages/ids.ts";
import { replaceRecord } from "../../../messages/record-update.ts";
import { afterAck } from "../after-ack.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

const SNOOZE_REFUSED = {
  missing: "That record is no longer in the pipeline: nothing was snoozed. Try `/nudge me`.",
  forbidden:
    "You can snooze nudges on your own records only (managers: their reps', admins: everyone's). Nothing was snoozed.",
} as const;

export function snoozeAction(services: ListenerServices) {
  const service = services.nudge;
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    await afterAck();
    const value = decodeSnooze(action.selected_option?.value ?? "");
    if (!value) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: "That snooze button is out of date: try `/nudge me`.",
      });
      return;
    }
    const { viewer, view } = await service.viewer(body.user.id);
    const outcome = await service.snooze(viewer, view, value);
    if (outcome.status !== "snoozed") {
      // App Home has no response URL: it is shown again as it stands.
      if (body.container?.type === "view") return void (await publishHome(services, body.user.id));
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: SNOOZE_REFUSED[outcome.status],
      });
      return;
    }
    const until = outcome.until;
    if (body.container?.type === "view") {
      await publishHome(services, body.user.id);
      return;
    }
    const note = `:zzz: Snoozed until ${until}.`;
    const container = body.container as
      | { channel_id?: string; message_ts?: string; is_ephemeral?: boolean }
      | undefined;
    if (container?.channel_id && container.message_ts && !container.is_ephemeral) {
      const updated = await service.replaceRecordInNudge(
        container.channel_id,
        container.message_ts,
        value.recordType,
        value.recordId,
        note,
      );
      if (updated) return;
    }
    // An ephemeral /nudge me reply lives only in Slack: rewrite it through its response URL.
    const blocks = (body.message?.blocks ?? []) as KnownBlock[];
    await respond({
      replace_original: true,
      text: body.message?.text ?? "Pipeline nudges",
      blocks: replaceRecord(blocks, value.recordType, value.recordId, note),
    });
  };
}
