// The console's pages: each page's data from the same services as Slack and the CLI, drawn as HTML
// with its charts' data beside each chart, and the static files the pages link.
import type { Config } from "../../config/config.ts";
import { rulesOn } from "../../domain/availability.ts";
import { RULE_IDS, type RuleId } from "../../domain/findings.ts";
import type { Viewer } from "../../services/access.ts";
import type { KnownReps } from "../../services/known-reps.ts";
import type { PipelineCache } from "../../services/pipeline-cache.ts";
import { QuietDays } from "../../services/quiet-days.ts";
import type { StatsService } from "../../services/stats.ts";
import type { WeeklyRulesService } from "../../services/weekly-rules.ts";
import {
  CONSOLE_PAGES,
  type ConsolePages,
  type PageContent,
  type PageForms,
  type PageId,
} from "../console-pages.ts";
import { assetReader, SCRIPTS, STYLES } from "./assets.ts";
import { deliveryPage } from "./delivery-page.ts";
import { effectivenessPage } from "./effectiveness-page.ts";
import { notice } from "./markup.ts";
import { ritualsPage } from "./rituals-page.ts";
import { scopeOf } from "./scope.ts";
import { teamPage } from "./team-page.ts";
import { weeklySection } from "./weekly-section.ts";

const isRuleId = (value: string | null): value is RuleId => RULE_IDS.includes(value as RuleId);

export interface ConsolePagesDeps {
  /** What the team, rituals and delivery pages read. */
  store: Parameters<typeof teamPage>[0] &
    Parameters<typeof ritualsPage>[0] &
    Parameters<typeof deliveryPage>[0];
  stats: StatsService;
  pipeline: PipelineCache;
  config: Config;
  clock: () => Date;
  /** The reps kept in the store, for pages asked for before the first CRM read after a restart. */
  known?: Pick<KnownReps, "current">;
  /** The weekly cleanup's rules and admins' moves; the page leaves the section out without it. */
  weekly?: Pick<WeeklyRulesService, "overview" | "move">;
}

export function createConsolePages(deps: ConsolePagesDeps): ConsolePages {
  const { store, stats, pipeline, config, clock } = deps;
  const stuck = {
    settings: new QuietDays({ store, config }).settings,
    after: config.effectiveness.escalateAfterWorkingDays,
  };
  const weeklyOf = async (viewer: Viewer, forms: PageForms | undefined) => {
    if (!deps.weekly) return null;
    const states = pipeline.lastView()?.evaluation.rules;
    const rows = await deps.weekly.overview(states ? rulesOn(states) : new Set(RULE_IDS));
    return weeklySection(config.effectiveness.noisyRules, rows, viewer.isAdmin && forms ? forms : null);
  };
  return {
    styles: STYLES,
    scripts: SCRIPTS,
    asset: assetReader(),
    async act(page, action, viewer, form) {
      const rule = form.get("rule");
      const to = form.get("to");
      if (page !== "effectiveness" || action !== "weekly" || !deps.weekly || !isRuleId(rule))
        return "invalid";
      if (to !== "weekly" && to !== "daily") return "invalid";
      const outcome = await deps.weekly.move(viewer, rule, to);
      return outcome.status === "moved" ? "done" : "forbidden";
    },
    async render(
      page: PageId,
      viewer: Viewer,
      query: URLSearchParams,
      forms?: PageForms,
    ): Promise<PageContent> {
      const known = deps.known ? await deps.known.current() : null;
      const scope = scopeOf(viewer, pipeline, known?.stored ? known.reps : null);
      const now = clock();
      // A manager's team comes from the CRM: without it, their team pages can only say why they are empty.
      if (scope.problem && scope.owners?.size === 0 && page !== "delivery") {
        const title = CONSOLE_PAGES.find((entry) => entry.id === page)?.title ?? page;
        return { title, body: notice(scope.problem) };
      }
      switch (page) {
        case "effectiveness":
          return effectivenessPage(stats, scope, query, await weeklyOf(viewer, forms));
        case "team":
          return teamPage(store, scope, now, config.defaultTimezone, stuck);
        case "rituals":
          return ritualsPage(store, config, scope, now);
        case "delivery":
          return deliveryPage(store, config, viewer, scope, now);
      }
    },
  };
}
