// Stuck findings: still open a number of working days after their first nudge, counted by the
// rep's own calendar (working days, public holidays, company days off, a pause). The manager's
// weekly digest and the console's Team page list them, so a nudge that did not work reaches a person.
import { type CalendarSettings, isWorkingDay } from "./calendar.ts";
import { addDays, daysBetween } from "./dates.ts";
import { RULE_IDS, type RuleId } from "./findings.ts";
import type { IsoDate, Rep } from "./model.ts";

/** At most this many stuck findings per rep; the rest are counted. */
export const STUCK_PER_REP = 10;

/** An open finding as the history keeps it. */
export interface OpenFinding {
  rule: RuleId;
  recordId: string;
  owner: string;
  /** The local date of the first digest that listed it; null when never nudged. */
  nudgedOn: IsoDate | null;
}

/** A rep whose stuck findings are asked for: calendar, local date, and pause if any. */
export interface StuckRepInput {
  email: string;
  rep: Pick<Rep, "country" | "workingDays"> | null;
  today: IsoDate;
  /** Days from `from` up to and including `until` are paused: they are not working days. */
  pause?: { from: IsoDate; until: IsoDate } | null;
  /** A record's place in the handbook's working order for this rep (lower first). */
  order?: (recordId: string) => number;
}

export interface StuckFinding {
  rule: RuleId;
  recordId: string;
  nudgedOn: IsoDate;
  /** Working days after the nudge day up to and including today. */
  workingDays: number;
}

export interface StuckRep {
  email: string;
  /** Worst first, at most `limit`. */
  findings: StuckFinding[];
  /** Stuck findings left out by the limit. */
  more: number;
}

/** A rep's stuck findings as people read them: the rep's and each record's name. */
export interface StuckListing {
  email: string;
  /** The rep's name from the CRM, or their email. */
  name: string;
  findings: (StuckFinding & { recordName: string })[];
  more: number;
}

/** "stuck for 1 working day", "stuck for 7 working days". */
export const stuckFor = (days: number): string => `stuck for ${days} working day${days === 1 ? "" : "s"}`;

export interface StuckInput {
  open: Iterable<OpenFinding>;
  reps: readonly StuckRepInput[];
  settings: CalendarSettings;
  /** `effectiveness.escalateAfterWorkingDays`. */
  after: number;
  limit?: number;
}

/** Working days after `from` up to and including `to` for this rep, leaving out paused days. */
export function stuckDays(rep: StuckRepInput, from: IsoDate, settings: CalendarSettings): number {
  let count = 0;
  const span = daysBetween(from, rep.today);
  for (let step = 1; step <= span; step++) {
    const day = addDays(from, step);
    const pause = rep.pause && day >= rep.pause.from ? rep.pause : null;
    if (isWorkingDay(rep.rep, day, settings, pause)) count += 1;
  }
  return count;
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((rule, index) => [rule, index]));

/**
 * Each given rep's stuck findings, in the order the reps were given (reps with none left out):
 * most working days first, then the handbook's working order of records, then the rules' order.
 */
export function stuckFindings(input: StuckInput): StuckRep[] {
  const limit = input.limit ?? STUCK_PER_REP;
  const byEmail = new Map(input.reps.map((rep) => [rep.email.toLowerCase(), rep]));
  const found = new Map<string, StuckFinding[]>();
  const counted = new Map<string, number>();
  for (const finding of input.open) {
    if (finding.nudgedOn === null) continue;
    const email = finding.owner.toLowerCase();
    const rep = byEmail.get(email);
    if (!rep) continue;
    const key = `${email}|${finding.nudgedOn}`;
    let days = counted.get(key);
    if (days === undefined) {
      days = stuckDays(rep, finding.nudgedOn, input.settings);
      counted.set(key, days);
    }
    if (days < input.after) continue;
    const list = found.get(email) ?? [];
    list.push({
      rule: finding.rule,
      recordId: finding.recordId,
      nudgedOn: finding.nudgedOn,
      workingDays: days,
    });
    found.set(email, list);
  }
  const result: StuckRep[] = [];
  for (const rep of input.reps) {
    const list = found.get(rep.email.toLowerCase());
    if (!list) continue;
    const order = rep.order ?? (() => 0);
    list.sort(
      (a, b) =>
        b.workingDays - a.workingDays ||
        order(a.recordId) - order(b.recordId) ||
        (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) ||
        a.recordId.localeCompare(b.recordId),
    );
    result.push({ email: rep.email, findings: list.slice(0, limit), more: Math.max(0, list.length - limit) });
  }
  return result;
}
