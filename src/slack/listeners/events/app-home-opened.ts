// App Home: published when the rep opens it, and again after an action changes what it shows.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { NudgeService } from "../../../services/nudge-service.ts";
import { homeView } from "../../views/home-view.ts";

export async function publishHome(service: NudgeService, userId: string): Promise<void> {
  const { viewer, view } = await service.viewer(userId);
  const digest = await service.myDigest(viewer, view);
  await service.slack.publishHome(userId, homeView(digest, service.team(viewer, view)));
}

export function appHomeOpened(service: NudgeService) {
  return async ({
    event,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await publishHome(service, event.user);
  };
}
