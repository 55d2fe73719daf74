// The weekly cleanup in digests and /nudge me: which rules' findings wait for the week's cleanup
// today (asked once per cycle, for every owner), and whether today is the owner's cleanup day.

import { rulesOn } from "../domain/availability.ts";
import type { CalendarSettings } from "../domain/calendar.ts";
import type { OwnerEvaluation, PipelineEvaluation } from "../domain/evaluate.ts";
import { splitWeekly, type WeeklySplit } from "../domain/weekly-cleanup.ts";
import { isCleanupDay, weeklyOn } from "../domain/weekly-rules.ts";
import type { WeeklyRulesService } from "./weekly-rules.ts";

export interface WeeklyDeps {
  /** Left out where nothing is moved to the weekly cleanup. */
  weekly?: Pick<WeeklyRulesService, "current"> | undefined;
  quiet: { readonly settings: CalendarSettings };
}

export type Splitter = (owner: OwnerEvaluation, leftOut: ReadonlySet<string>) => WeeklySplit;

/**
 * How each owner's findings split today. `always` lists the cleanup whatever the day (`/nudge me`
 * and App Home show everything the rep asked for); a digest lists it on the cleanup day only.
 */
export async function weeklySplitter(
  deps: WeeklyDeps,
  evaluation: Pick<PipelineEvaluation, "rules">,
  always = false,
): Promise<Splitter> {
  const rules = deps.weekly ? await deps.weekly.current(rulesOn(evaluation.rules)) : [];
  return (owner, leftOut) =>
    splitWeekly(
      owner,
      leftOut,
      weeklyOn(rules, owner.today),
      always || isCleanupDay(owner.rep, owner.today, deps.quiet.settings),
    );
}
