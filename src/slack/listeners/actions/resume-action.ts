// App Home's Resume button: ends the viewer's own pause and republishes App Home.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function resumeAction(services: ListenerServices) {
  return async ({ ack, body }: Args): Promise<void> => {
    await ack();
    const { viewer } = await services.nudge.viewer(body.user.id);
    await services.pauses.resume(viewer, { kind: "self" });
    await publishHome(services, body.user.id);
  };
}
