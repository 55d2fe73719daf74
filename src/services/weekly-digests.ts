// The weekly cleanup in digests and /nudge me: which rules' findings wait for the week's cleanup
// today (asked once per cycle, for every owner), and whether today is the owner's cleanup day.

import { rulesOn } from "../domain/availability.ts";
import type { CalendarSettings } from "../domain/calendar.ts";
import { addDays } from "../domain/dates.ts";
import type { OwnerEvaluation, PipelineEvaluation } from "../domain/evaluate.ts";
import type { IsoDate } from "../domain/model.ts";
import { splitWeekly, type WeeklySplit } from "../domain/weekly-cleanup.ts";
import { isCleanupDay, weeklyOn, weekStart } from "../domain/weekly-rules.ts";
import type { LedgerStore } from "../store/store.ts";
import type { WeeklyRulesService } from "./weekly-rules.ts";

export interface WeeklyDeps {
  /** Left out where nothing is moved to the weekly cleanup. */
  weekly?: Pick<WeeklyRulesService, "current"> | undefined;
  quiet: { readonly settings: CalendarSettings };
  /** The digests sent earlier in the week: the cleanup goes with the first of the week. */
  store?: Pick<LedgerStore, "listDigestClaims">;
}

export type Splitter = (owner: OwnerEvaluation, leftOut: ReadonlySet<string>) => WeeklySplit;

/**
 * How each owner's findings split today. `always` lists the cleanup whatever the day (`/nudge me`
 * and App Home show everything the rep asked for); a digest lists it on the cleanup day only.
 */
export async function weeklySplitter(
  deps: WeeklyDeps,
  evaluation: Pick<PipelineEvaluation, "rules" | "owners">,
  always = false,
): Promise<Splitter> {
  const rules = deps.weekly ? await deps.weekly.current(rulesOn(evaluation.rules)) : [];
  const hadDigest = rules.length > 0 && !always ? await digestsThisWeek(deps, evaluation) : null;
  return (owner, leftOut) =>
    splitWeekly(
      owner,
      leftOut,
      weeklyOn(rules, owner.today),
      always ||
        isCleanupDay(
          owner.rep,
          owner.today,
          deps.quiet.settings,
          hadDigest ? (day) => hadDigest.has(`${owner.owner.toLowerCase()}|${day}`) : undefined,
        ),
    );
}

/** `rep|date` of every digest claimed this week before each owner's today: a few reads per cycle. */
async function digestsThisWeek(
  deps: WeeklyDeps,
  evaluation: Pick<PipelineEvaluation, "owners">,
): Promise<Set<string> | null> {
  if (!deps.store) return null;
  const days = new Set<IsoDate>();
  for (const owner of evaluation.owners.values())
    for (let day = weekStart(owner.today); day < owner.today; day = addDays(day, 1)) days.add(day);
  const claimed = new Set<string>();
  for (const day of days)
    for (const claim of await deps.store.listDigestClaims(day))
      claimed.add(`${claim.rep.toLowerCase()}|${day}`);
  return claimed;
}
