// App Home: published when the rep opens it, and again after an action changes what it shows.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { homeView } from "../../views/home-view.ts";
import type { ListenerServices } from "../services.ts";

export async function publishHome(services: ListenerServices, userId: string): Promise<void> {
  const { nudge, giveBacks, config } = services;
  const { viewer, view } = await nudge.viewer(userId);
  const digest = await nudge.myDigest(viewer, view);
  const projects = await giveBacks.list(viewer, viewer.rep?.timezone ?? "UTC");
  // Status changes happen in /giveback list, where the reply can be updated in place.
  const completed = projects
    .filter((row) => row.project.status === "completed")
    .map((row) => ({ ...row, mine: false }));
  const adoption = { rows: completed, goal: config.adoptionGoal };
  const stats = await services.stats.forViewer(viewer, view.evaluation);
  await nudge.slack.publishHome(userId, homeView(digest, nudge.team(viewer, view), adoption, stats));
}

export function appHomeOpened(services: ListenerServices) {
  return async ({
    event,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await publishHome(services, event.user);
  };
}
