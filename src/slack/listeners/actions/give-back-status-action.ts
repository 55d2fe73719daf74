// A project's author (or an admin) sets its status from /giveback list; the list updates in place.
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from "@slack/bolt";
import { GIVE_BACK_STATUSES, type GiveBackStatus } from "../../../domain/rituals.ts";
import { giveBackListBlocks } from "../../../messages/give-back-views.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

export function giveBackStatusAction(services: ListenerServices) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const [projectId, status] = (action.selected_option?.value ?? "").split("|");
    if (!projectId || !(GIVE_BACK_STATUSES as readonly string[]).includes(status ?? "")) return;
    const { viewer } = await services.nudge.viewer(body.user.id);
    const changed = await services.giveBacks.setStatus(viewer, projectId, status as GiveBackStatus);
    if (!changed) {
      await respond({
        replace_original: false,
        response_type: "ephemeral",
        text: "Only the project's author can change its status.",
      });
      return;
    }
    const rows = await services.giveBacks.list(viewer, viewer.rep?.timezone ?? "UTC");
    await respond({
      replace_original: true,
      text: "Give Back projects",
      blocks: giveBackListBlocks(rows, services.config.adoptionGoal),
    });
  };
}
