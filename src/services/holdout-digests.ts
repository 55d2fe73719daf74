// Proof by holdout in digests and /nudge me: the findings of the held-out arm still in their first
// working days, left out like snoozed ones (so not shown, not counted, not recorded as nudged).
import type { Config } from "../config/config.ts";
import type { CalendarSettings } from "../domain/calendar.ts";
import type { OwnerEvaluation } from "../domain/evaluate.ts";
import { type HoldoutSettings, heldOutToday } from "../domain/holdout-window.ts";
import type { HistoryService } from "./history.ts";

export interface HoldoutDeps {
  config: Partial<Pick<Config, "effectiveness">>;
  history?: Pick<HistoryService, "openNow"> | undefined;
  quiet: { readonly settings: CalendarSettings };
}

const NONE: ReadonlySet<string> = new Set();

/** The holdout as the report reads it, from `effectiveness.holdoutPercent` and `holdoutWorkingDays`. */
export const holdoutSettingsOf = (config: Pick<Config, "effectiveness">): HoldoutSettings => ({
  percent: config.effectiveness.holdoutPercent,
  workingDays: config.effectiveness.holdoutWorkingDays,
});

/**
 * What each owner's digest leaves out today for the holdout (`rule|recordId`); nothing when the
 * holdout is off and no open episode was held out while it was on. The open episodes are read once, for every owner: a finding's episode keeps the
 * arm it was given when it opened (else its start decides it), and a finding the history has not
 * seen yet starts today.
 */
export async function holdoutLeftOut(
  deps: HoldoutDeps,
): Promise<(owner: OwnerEvaluation) => ReadonlySet<string>> {
  const settings = deps.config.effectiveness;
  // Off and never on: nothing is held. Off now but on before: the open episodes say which still wait.
  if (!settings || (!(settings.holdoutPercent > 0) && !deps.history)) return () => NONE;
  const open = (await deps.history?.openNow()) ?? null;
  if (!(settings.holdoutPercent > 0) && !open?.anyHeld()) return () => NONE;
  const holdout = holdoutSettingsOf({ effectiveness: settings });
  return (owner) =>
    heldOutToday(
      owner,
      (rule, recordId) => open?.get(rule, recordId)?.openedOn,
      holdout,
      deps.quiet.settings,
      (rule, recordId) => open?.get(rule, recordId)?.holdoutArm,
    );
}

/** The snoozed findings and the held-out ones: everything a digest leaves out. */
export function leftOut(snoozed: readonly string[], heldOut: ReadonlySet<string>): Set<string> {
  const keys = new Set(snoozed);
  for (const key of heldOut) keys.add(key);
  return keys;
}
