// "Snooze" on a record: stores the snooze for the record's findings and updates the nudge in place.
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { decodeSnooze } from "../../ids.ts";
import { replaceRecord } from "../../views/record-update.ts";
import { afterAck } from "../after-ack.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

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
    const until = await service.snooze(viewer, view, value);
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
