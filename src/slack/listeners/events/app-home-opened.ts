// App Home: published when the rep opens it, and again after an action changes what it shows.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { rulesOn } from "../../../domain/availability.ts";
import type { RuleId } from "../../../domain/findings.ts";
import { unlinkedRepsBlocks } from "../../../messages/notices.ts";
import { homeView } from "../../views/home-view.ts";
import { homePauseBlocks } from "../../views/pause-views.ts";
import { ruleStateBlocks } from "../../views/rule-state-blocks.ts";
import { weeklyRulesBlocks, weeklyRulesNote } from "../../views/weekly-rules-blocks.ts";
import type { ListenerServices } from "../services.ts";

/** Publishes the viewer's App Home; `openRule` lists that rule line's records under it. */
export async function publishHome(
  services: ListenerServices,
  userId: string,
  openRule: RuleId | null = null,
): Promise<void> {
  const { nudge, giveBacks, config } = services;
  const { viewer, view } = await nudge.viewer(userId);
  const plan = await nudge.myPlan(viewer, view);
  const projects = await giveBacks.list(viewer, viewer.rep?.timezone ?? "UTC");
  // Status changes happen in /giveback list, where the reply can be updated in place.
  const completed = projects
    .filter((row) => row.project.status === "completed")
    .map((row) => ({ ...row, mine: false }));
  const adoption = { rows: completed, goal: config.adoptionGoal };
  const pause = viewer.rep ? homePauseBlocks(await services.pauses.current(viewer.rep)) : [];
  const quiet = [...unlinkedRepsBlocks(await services.links.unlinked(viewer)), ...pause];
  const stats = await services.stats.forViewer(viewer, view.evaluation);
  const home = homeView(
    { plan, crm: nudge.crmName, openRule },
    nudge.team(viewer, view),
    adoption,
    quiet,
    stats,
  );
  const weekly = await services.weekly.overview(rulesOn(view.evaluation.rules));
  // Everyone sees which rules are weekly and why; admins also the buttons, which rules run on this
  // CRM and what would turn the others on.
  if (!viewer.isAdmin) {
    const note = weeklyRulesNote(weekly);
    home.blocks = [...home.blocks.slice(0, 100 - note.length), ...note];
  } else {
    const rules = [
      ...weeklyRulesBlocks(weekly),
      ...ruleStateBlocks(view.evaluation.rules, view.evaluation.leftOut),
    ];
    // App Home takes 100 blocks at most: the rules table keeps its place at the end.
    home.blocks = [...home.blocks.slice(0, 100 - rules.length), ...rules];
  }
  await services.slack.publishHome(userId, home);
}

export function appHomeOpened(services: ListenerServices) {
  return async ({
    event,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await publishHome(services, event.user);
  };
}
