// Which rules wait for the weekly cleanup and why: with `effectiveness.noisyRules: weekly` every rule
// the report flags noisy, plus every rule an admin moved there by hand, minus those an admin moved
// back to daily; and which day is a rep's cleanup day. Pure: flags, moves and dates in.
import { type CalendarSettings, isWorkingDay, weekdayOf } from "./calendar.ts";
import { addDays } from "./dates.ts";
import { RULE_IDS, type RuleId } from "./findings.ts";
import type { IsoDate, Rep } from "./model.ts";

export type NoisyRules = "keep" | "weekly";

/** An admin's move of one rule; the latest move of a rule is the one kept. */
export interface RuleMove {
  to: "weekly" | "daily";
  /** Who moved it, as shown: a name or Slack user id. */
  by: string;
  /** The day it was moved (the team's local date). */
  on: IsoDate;
}

/** A rule the report flags noisy today, with the first day of the flag's current run. */
export interface NoisyFlag {
  rule: RuleId;
  /** fixedWithin3 ÷ nudged. */
  fixRate: number;
  /** The first scan day the flag was seen (it stays while the rule stays noisy). */
  since: IsoDate;
}

export interface WeeklyRule {
  rule: RuleId;
  /** "noisy: 5% fixed" or "moved by Olga Ops on 2026-03-09". */
  reason: string;
  /** The day it was flagged or moved: its findings leave the daily digest from the day after. */
  since: IsoDate;
  /** false for a rule that is off (rules.disabled, or a field the CRM lacks): kept but shown inactive. */
  active: boolean;
}

export interface WeeklyRulesInput {
  mode: NoisyRules;
  noisy: readonly NoisyFlag[];
  moves: Readonly<Partial<Record<RuleId, RuleMove>>>;
  /** The rules that run now. */
  on: ReadonlySet<RuleId>;
}

/** The weekly rules in the stable rule order, each with its reason. */
export function weeklyRules(input: WeeklyRulesInput): WeeklyRule[] {
  const noisy = new Map(input.noisy.map((flag) => [flag.rule, flag]));
  const weekly: WeeklyRule[] = [];
  for (const rule of RULE_IDS) {
    const move = input.moves[rule];
    const flag = noisy.get(rule);
    const active = input.on.has(rule);
    if (move?.to === "weekly") {
      weekly.push({ rule, reason: `moved by ${move.by} on ${move.on}`, since: move.on, active });
    } else if (move?.to !== "daily" && input.mode === "weekly" && flag) {
      weekly.push({
        rule,
        reason: `noisy: ${Math.round(flag.fixRate * 100)}% fixed`,
        since: flag.since,
        active,
      });
    }
  }
  return weekly;
}

/** The rules whose findings a digest on `today` keeps for the cleanup: flagged or moved before today. */
export function weeklyOn(rules: readonly WeeklyRule[], today: IsoDate): Set<RuleId> {
  return new Set(rules.filter((rule) => rule.since < today).map((rule) => rule.rule));
}

/**
 * Whether `today` is the rep's cleanup day: the first working day of its ISO week (Monday, or when
 * Monday is not one of the rep's working days — their own or the team's, holidays, company days
 * off — the next). With `hadDigest`, the digests the rep was actually sent: the first day of the week
 * a digest goes out, so a rep paused, away or not reached on Monday gets the cleanup with their next
 * digest instead of losing it for the week.
 */
export function isCleanupDay(
  rep: Pick<Rep, "country" | "workingDays"> | null,
  today: IsoDate,
  settings: CalendarSettings,
  hadDigest?: (day: IsoDate) => boolean,
): boolean {
  if (!isWorkingDay(rep, today, settings)) return false;
  for (let day = weekStart(today); day < today; day = addDays(day, 1)) {
    if (hadDigest ? hadDigest(day) : isWorkingDay(rep, day, settings)) return false;
  }
  return true;
}

/** The Monday of `day`'s ISO week. */
export function weekStart(day: IsoDate): IsoDate {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}
