// The Rituals page: Give Back adoption by month against the goal, and trips against their return.
import type { Config } from "../../config/config.ts";
import type { Store } from "../../store/store.ts";
import type { PageContent } from "../console-pages.ts";
import { html } from "../html.ts";
import { adoptionSection } from "./adoption-section.ts";
import { notice } from "./markup.ts";
import type { Scope } from "./scope.ts";
import { tripsSection } from "./trips-section.ts";

export async function ritualsPage(
  store: Pick<Store, "listGiveBacks" | "reports" | "listTripNotes" | "listAllPlannedTrips">,
  config: Pick<Config, "giveBack" | "roi" | "defaultTimezone">,
  scope: Scope,
  now: Date,
): Promise<PageContent> {
  const [adoption, trips] = await Promise.all([
    adoptionSection({
      store,
      scope,
      now,
      timezone: config.defaultTimezone,
      goal: config.giveBack.adoptionGoal,
    }),
    tripsSection(store, scope, config.roi),
  ]);
  return {
    title: "Rituals",
    body: html`${scope.problem ? notice(scope.problem) : ""}
<p class="lede">Give Back projects and trips, for ${scope.label}.</p>
${adoption}
${trips}`,
  };
}
