// The weekly cleanup's rules as every surface asks for them (digests, /nudge me, App Home, the
// console, check-config): the report's noisy flags, re-read at each scan and remembered with the day
// each run of the flag began, and admins' moves, both kept as settings in the store.
import type { Config } from "../config/config.ts";
import { type CalendarSettings, isWorkingDay } from "../domain/calendar.ts";
import { addDays, localDate } from "../domain/dates.ts";
import {
  DEFAULT_PERIOD_DAYS,
  FIX_WINDOW_WORKING_DAYS,
  type RuleEffectiveness,
  type WorkingDayCounter,
} from "../domain/effectiveness.ts";
import { RULE_IDS, type RuleId } from "../domain/findings.ts";
import type { IsoDate } from "../domain/model.ts";
import { type NoisyFlag, type RuleMove, type WeeklyRule, weeklyRules } from "../domain/weekly-rules.ts";
import type { Logger } from "../logging.ts";
import type { SettingsStore, Store } from "../store/store.ts";
import type { Viewer } from "./access.ts";
import { effectivenessReport } from "./effectiveness-report.ts";

/** One setting per rule, so two admins moving two rules at once never undo each other's move. */
export const moveKey = (rule: RuleId) => `weekly-rules:move:${rule}`;
export const NOISY_KEY = "weekly-rules:noisy-since";

/** A move as stored: who (Slack user id and name shown) and when. */
interface StoredMove {
  to: "weekly" | "daily";
  by: string;
  byUser: string;
  at: string;
}

export interface WeeklyRulesDeps {
  store: Pick<SettingsStore, "getSetting" | "setSetting">;
  config: Pick<Config, "defaultTimezone"> & { effectiveness: Pick<Config["effectiveness"], "noisyRules"> };
  clock: () => Date;
  logger: Logger;
  /** Every rule's figures over the report's default period (the noisy flag among them). */
  report: () => Promise<RuleEffectiveness[]>;
  /** false: only read (check-config); the running bot remembers when each noisy flag began. */
  record?: boolean;
  /**
   * What identifies the current scan (the CRM read's time): the report is read again when it
   * changes, so the flag is re-evaluated at each scan, not at every look. Read every time without it.
   */
  scan?: () => unknown;
}

/**
 * Every rule's figures over the report's default length (28 days) of nudges whose fix window has
 * passed: the 28 days up to the last day whose three working days (the team's) are over. The
 * report counts a nudge of yesterday as not fixed yet; flagging rules on it would send a rule that
 * works to the weekly cleanup on a new install's second day, before anyone had time to fix anything.
 */
export async function defaultPeriodRules(
  store: Pick<Store, "history">,
  config: Pick<Config, "defaultTimezone" | "calendar"> & { digest: Pick<Config["digest"], "workingDays"> },
  workingDays: WorkingDayCounter,
  now: Date,
): Promise<RuleEffectiveness[]> {
  const until = settledUntil(localDate(now, config.defaultTimezone), {
    workingDays: config.digest.workingDays,
    holidays: config.calendar.holidays,
    daysOff: config.calendar.daysOff,
  });
  const period = { since: addDays(until, -(DEFAULT_PERIOD_DAYS - 1)), until };
  return (await effectivenessReport(store, { period, workingDays })).rules;
}

/**
 * The last day whose nudges have had their whole fix window by `today`, by the team's calendar
 * (working days and company days off; no rep, so no country's holidays).
 */
export function settledUntil(today: IsoDate, calendar: CalendarSettings): IsoDate {
  // Today is not over: count the working days from yesterday back.
  let day = addDays(today, -1);
  // A team with no working day configured cannot happen (the config refuses it); stop anyway.
  for (let counted = 0, steps = 0; counted < FIX_WINDOW_WORKING_DAYS && steps < 366; steps += 1) {
    if (isWorkingDay(null, day, calendar)) counted += 1;
    day = addDays(day, -1);
  }
  return day;
}

/** A rule in the admins' list: weekly (and why), noisy (and its figures), or both. */
export interface WeeklyRuleRow {
  rule: RuleId;
  weekly: WeeklyRule | null;
  noisy: RuleEffectiveness | null;
}

export type MoveOutcome = { status: "moved"; rule: RuleId; to: "weekly" | "daily" } | { status: "forbidden" };

export class WeeklyRulesService {
  private kept: { scan: unknown; rows: Promise<RuleEffectiveness[]> } | null = null;

  constructor(private readonly deps: WeeklyRulesDeps) {}

  private report(): Promise<RuleEffectiveness[]> {
    const scan = this.deps.scan?.();
    if (this.kept && scan !== undefined && this.kept.scan === scan) return this.kept.rows;
    const rows = this.deps.report();
    // A failed read is not kept: the next look tries again.
    rows.catch(() => {
      if (this.kept?.rows === rows) this.kept = null;
    });
    this.kept = { scan, rows };
    return rows;
  }

  /**
   * The weekly rules now, `on` being the rules that run. Re-evaluates the noisy flags: a rule newly
   * flagged is remembered from today, one no longer flagged is forgotten.
   */
  async current(on: ReadonlySet<RuleId>): Promise<WeeklyRule[]> {
    return (await this.evaluate(on)).weekly;
  }

  /**
   * For admins: every rule that is weekly or noisy, with why it is weekly and its noisy figures, in
   * the stable rule order; what App Home, the console and check-config list with their buttons.
   */
  async overview(on: ReadonlySet<RuleId>): Promise<WeeklyRuleRow[]> {
    const { weekly, rows } = await this.evaluate(on);
    return RULE_IDS.flatMap((rule) => {
      const moved = weekly.find((entry) => entry.rule === rule) ?? null;
      const figures = rows.find((row) => row.rule === rule && row.noisy) ?? null;
      return moved || figures ? [{ rule, weekly: moved, noisy: figures }] : [];
    });
  }

  private async evaluate(
    on: ReadonlySet<RuleId>,
  ): Promise<{ weekly: WeeklyRule[]; rows: RuleEffectiveness[] }> {
    const { store, config } = this.deps;
    const today = localDate(this.deps.clock(), config.defaultTimezone);
    const [report, moves, known] = await Promise.all([
      this.report().then(
        (rows) => ({ rows }),
        (error: unknown) => ({ error }),
      ),
      this.moves(),
      readJson<Record<string, IsoDate>>(await store.getSetting(NOISY_KEY)),
    ]);
    if ("error" in report) {
      // The history could not be read: digests still go out, with the admins' moves alone this time
      // (noisy rules' findings stay daily until a read succeeds), and the flags kept as they were.
      this.deps.logger.warn(
        { err: report.error },
        "noisy flags unavailable: the weekly cleanup keeps the admins' moves only until the history can be read",
      );
      return {
        weekly: weeklyRules({ mode: config.effectiveness.noisyRules, noisy: [], moves, on }),
        rows: [],
      };
    }
    const { rows } = report;
    const since: Record<string, IsoDate> = {};
    const noisy: NoisyFlag[] = [];
    for (const row of rows) {
      if (!row.noisy) continue;
      since[row.rule] = known?.[row.rule] ?? today;
      noisy.push({ rule: row.rule, fixRate: row.fixRate ?? 0, since: since[row.rule] as IsoDate });
    }
    if (this.deps.record !== false && JSON.stringify(since) !== JSON.stringify(known ?? {})) {
      await store.setSetting(NOISY_KEY, JSON.stringify(since), this.deps.clock());
    }
    return { weekly: weeklyRules({ mode: config.effectiveness.noisyRules, noisy, moves, on }), rows };
  }

  /** Admins' moves, latest per rule, with the day in the team's time zone. */
  async moves(): Promise<Partial<Record<RuleId, RuleMove>>> {
    const stored = await Promise.all(
      RULE_IDS.map(async (rule) => readJson<StoredMove>(await this.deps.store.getSetting(moveKey(rule)))),
    );
    const moves: Partial<Record<RuleId, RuleMove>> = {};
    for (const [index, rule] of RULE_IDS.entries()) {
      const move = stored[index];
      if (!move || (move.to !== "weekly" && move.to !== "daily")) continue;
      moves[rule] = {
        to: move.to,
        by: move.by,
        on: localDate(new Date(move.at), this.deps.config.defaultTimezone),
      };
    }
    return moves;
  }

  /** An admin moves a rule to the weekly cleanup or back to daily; anyone else is refused. */
  async move(viewer: Viewer, rule: RuleId, to: "weekly" | "daily"): Promise<MoveOutcome> {
    const { store, logger } = this.deps;
    if (!viewer.isAdmin) {
      logger.warn({ user: viewer.userId, rule, to }, "rule move refused: not an admin");
      return { status: "forbidden" };
    }
    const now = this.deps.clock();
    const by = viewer.rep?.name ?? viewer.email ?? viewer.userId;
    const move: StoredMove = { to, by, byUser: viewer.userId, at: now.toISOString() };
    await store.setSetting(moveKey(rule), JSON.stringify(move), now);
    logger.info(
      { user: viewer.userId, rule, to },
      `rule moved to ${to === "weekly" ? "the weekly cleanup" : "daily"}`,
    );
    return { status: "moved", rule, to };
  }
}

/** A setting's JSON, or null when unset or unreadable (a hand-edited value is not worth a crash). */
function readJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as T) : null;
  } catch {
    return null;
  }
}
