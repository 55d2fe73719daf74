// Breach alerts, decided: which ticket's next SLA breach the off-hours triage should hear about now,
// and who hears it (the account owner when on duty, else the on-duty triaging reps in turn). Also
// how each alert ended, once a later read of the queue shows it. Pure: now and every fact passed in.
import { type CalendarSettings, isWorkingDay, type PauseWindow } from "./calendar.ts";
import { type LocalTime, localTime } from "./dates.ts";
import type { Account, Rep } from "./model.ts";
import { isWindowOpen } from "./schedule.ts";
import { type AccountIndex, matchAccount } from "./support-account-match.ts";
import type { SupportHours, SupportSettings } from "./support-settings.ts";
import type { SlaMetric, SlaTarget, SupportTicket } from "./support-ticket.ts";

/** A rep who may be told, as the calendar and Slack see them at the instant decided. */
export interface RepOnCall {
  /** Segment resolved (segments.ts), so a triage by segment can read it. */
  rep: Rep;
  /** Their Slack status says away. */
  away: boolean;
  pause: PauseWindow | null;
}

export interface BreachContext {
  now: Date;
  support: Pick<SupportSettings, "hours" | "triage" | "leadMinutes">;
  calendar: CalendarSettings;
  /** The digest window: a rep's working hours, in their own time zone. */
  window: { windowStart: number; windowEnd: number };
  /** Every rep who can be reached in Slack: the triaging reps and the accounts' owners. */
  reps: readonly RepOnCall[];
  accounts: AccountIndex;
  /** `alertId` of every alert ever recorded for these tickets: each is sent once. */
  alerted: ReadonlySet<string>;
  /** Alerts each rep (email, lower case) had today: who is next in turn. */
  alertsToday: ReadonlyMap<string, number>;
}

export type ActiveBreach = SlaTarget & { breachAt: Date };

export interface PlannedAlert {
  ticket: SupportTicket;
  sla: ActiveBreach;
  rep: Rep;
  /** Why this rep: they own the ticket's account, or it was their turn to triage. */
  as: "owner" | "triage";
  account: Account | null;
}

/** One alert per ticket and metric, ever. */
export const alertId = (ticketId: number, metric: SlaMetric): string => `${ticketId}:${metric}`;

/** Whether `rep` triages off-hours: a rep of the configured segment, or one of the listed emails. */
export function isTriaging(rep: Rep, triage: SupportSettings["triage"]): boolean {
  if ("emails" in triage) return triage.emails.includes(rep.email.toLowerCase());
  // Managers and admins may carry a segment too; triage is the reps' own work.
  return rep.role === "ae" && rep.segment?.toLowerCase() === triage.segment.toLowerCase();
}

/**
 * What `support.triage` comes to among the CRM's reps: the triagers, or a sentence saying why there
 * are none (then the queue is never read, and an admin must hear it rather than see silence).
 */
export function triageCoverage(
  reps: readonly Rep[],
  triage: SupportSettings["triage"],
): { triagers: Rep[]; problem: string | null } {
  const triagers = reps.filter((rep) => isTriaging(rep, triage));
  if (triagers.length > 0) return { triagers, problem: null };
  const wanted =
    "emails" in triage
      ? `none of the ${triage.emails.length} emails in support.triage is a rep in the CRM`
      : `no account executive in the CRM has segment ${triage.segment} (support.triage)`;
  return { triagers, problem: `${wanted}: nobody triages, so the support queue is never read` };
}

/** Whether `instant` falls inside Support's own hours (their days, start inclusive, end exclusive). */
export function insideSupportHours(instant: Date, hours: SupportHours): boolean {
  const local = localTime(instant, hours.timezone);
  return (
    hours.days.includes(local.weekday as SupportHours["days"][number]) &&
    local.minutes >= hours.start &&
    local.minutes < hours.end
  );
}

/** The ticket's next active breach still to come: the earliest active target with a future breach time. */
export function nextActiveBreach(ticket: SupportTicket, now: Date): ActiveBreach | null {
  let next: ActiveBreach | null = null;
  for (const sla of ticket.slas) {
    if (sla.stage !== "active" || !sla.breachAt || sla.breachAt.getTime() <= now.getTime()) continue;
    if (!next || sla.breachAt.getTime() < next.breachAt.getTime()) next = sla as ActiveBreach;
  }
  return next;
}

type Calendar = Pick<BreachContext, "calendar" | "window">;

/** Working now by the digests' calendar: a working day (no holiday, no pause), inside the window, not away. */
export function workingNow(member: RepOnCall, now: Date, context: Calendar): boolean {
  if (member.away) return false;
  const local = localTime(now, member.rep.timezone);
  return (
    isWorkingDay(member.rep, local.date, context.calendar, member.pause) &&
    isWindowOpen(local, context.window)
  );
}

/** On duty for a breach: working now, and the breach falls inside their working hours today. */
export function onDutyFor(member: RepOnCall, breachAt: Date, now: Date, context: Calendar): boolean {
  if (!workingNow(member, now, context)) return false;
  const today = localTime(now, member.rep.timezone).date;
  const atBreach = localTime(breachAt, member.rep.timezone);
  return atBreach.date === today && isWindowOpen(atBreach, context.window);
}

/**
 * The alerts to send now, earliest breach first. A ticket is alerted for its next active breach
 * when that breach falls outside Support's hours, within `leadMinutes`, and inside the working hours
 * of at least one on-duty triaging rep; to the account's owner when they are on duty, else to the
 * on-duty triaging rep with the fewest alerts today (ties by email).
 */
export function planBreachAlerts(tickets: readonly SupportTicket[], context: BreachContext): PlannedAlert[] {
  const { now, support } = context;
  const leadMs = support.leadMinutes * 60_000;
  const byEmail = new Map(context.reps.map((member) => [member.rep.email.toLowerCase(), member]));
  // Who works now, and their date today, decided once per rep; a breach time is then read once per
  // time zone, however many reps share it.
  const today = new Map<RepOnCall, string>();
  for (const member of byEmail.values())
    if (workingNow(member, now, context)) today.set(member, localTime(now, member.rep.timezone).date);
  const local = memoLocalTime();
  const onDuty = (member: RepOnCall, breachAt: Date) => {
    const date = today.get(member);
    const atBreach = date === undefined ? null : local(breachAt, member.rep.timezone);
    return atBreach !== null && atBreach.date === date && isWindowOpen(atBreach, context.window);
  };
  const triaging = [...today.keys()].filter((member) => isTriaging(member.rep, support.triage));
  const counts = new Map(context.alertsToday);
  const due = tickets
    .map((ticket) => ({ ticket, sla: nextActiveBreach(ticket, now) }))
    .filter((item): item is { ticket: SupportTicket; sla: ActiveBreach } => {
      const { ticket, sla } = item;
      if (!sla || context.alerted.has(alertId(ticket.id, sla.metric))) return false;
      return (
        sla.breachAt.getTime() - now.getTime() <= leadMs && !insideSupportHours(sla.breachAt, support.hours)
      );
    })
    .sort((a, b) => a.sla.breachAt.getTime() - b.sla.breachAt.getTime() || a.ticket.id - b.ticket.id);
  const planned: PlannedAlert[] = [];
  for (const { ticket, sla } of due) {
    const onDutyTriage = triaging.filter((member) => onDuty(member, sla.breachAt));
    if (onDutyTriage.length === 0) continue;
    const account = matchAccount(ticket.organization, context.accounts).account;
    const owner = account ? byEmail.get(account.ownerEmail.toLowerCase()) : undefined;
    const countOf = (member: RepOnCall) => counts.get(member.rep.email.toLowerCase()) ?? 0;
    let chosen: RepOnCall;
    let as: PlannedAlert["as"];
    if (owner && onDuty(owner, sla.breachAt)) {
      chosen = owner;
      as = "owner";
    } else {
      chosen = onDutyTriage.reduce((best, member) =>
        countOf(member) < countOf(best) ||
        (countOf(member) === countOf(best) && member.rep.email.toLowerCase() < best.rep.email.toLowerCase())
          ? member
          : best,
      );
      as = "triage";
    }
    counts.set(chosen.rep.email.toLowerCase(), countOf(chosen) + 1);
    planned.push({ ticket, sla, rep: chosen.rep, as, account });
  }
  return planned;
}

/** localTime remembered per instant and time zone, for one decision. */
function memoLocalTime(): (at: Date, timezone: string) => LocalTime {
  const known = new Map<string, LocalTime>();
  return (at, timezone) => {
    const key = `${timezone}|${at.getTime()}`;
    let value = known.get(key);
    if (!value) {
      value = localTime(at, timezone);
      known.set(key, value);
    }
    return value;
  };
}

/** How many alerts each rep had on their own local date of `now`, from recent alerts. */
export function alertsTodayByRep(
  alerts: readonly { rep: string; alertedAt: Date }[],
  timezoneOf: (email: string) => string,
  now: Date,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const alert of alerts) {
    const email = alert.rep.toLowerCase();
    const zone = timezoneOf(email);
    if (localTime(alert.alertedAt, zone).date !== localTime(now, zone).date) continue;
    counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  return counts;
}

/**
 * How an alert ended. "left": its target went out of sight after the breach time and stayed out
 * (the ticket solved or moved, or a later cycle replaced it), so neither met nor breached can be
 * told; "unsent": its DM was never posted (it expired on the way). Neither counts as met or breached.
 */
export type AlertOutcome = "breached" | "met" | "left" | "unsent";

/** A target out of sight this long after its breach time is settled "left": no later read will tell. */
export const LEFT_AFTER_MS = 86_400_000;

/**
 * How open alerts ended, by a read of the queue at `now`. The alert's own target is the ticket's
 * target of that metric with the stored breach time (a later cycle of the metric is another
 * target): "breached" when it is still active with its breach time passed, "met" when achieved.
 * A target out of sight (the ticket not in this read, or the metric gone or on a later cycle) is
 * "met" only when read before its breach time; after it, a later read may still show it breached
 * (a partial read), so it stays open, and a day after the breach it is "left". Targets still
 * running (or paused) are left open.
 */
export function settleAlerts(
  open: readonly { ticketId: number; metric: SlaMetric; breachAt: Date }[],
  tickets: readonly SupportTicket[],
  now: Date,
): { ticketId: number; metric: SlaMetric; outcome: AlertOutcome }[] {
  const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  const settled: { ticketId: number; metric: SlaMetric; outcome: AlertOutcome }[] = [];
  for (const alert of open) {
    const breachAt = alert.breachAt.getTime();
    const targets = byId.get(alert.ticketId)?.slas.filter((target) => target.metric === alert.metric) ?? [];
    const own = targets.find((target) => target.breachAt?.getTime() === breachAt);
    // An achieved target carries no breach time of its own to compare.
    const achieved = targets.find((target) => target.stage === "achieved" && target.breachAt === null);
    let outcome: AlertOutcome | null = null;
    if (own?.stage === "achieved" || (!own && achieved)) outcome = "met";
    else if (own) {
      if (own.stage === "active" && breachAt <= now.getTime()) outcome = "breached";
    } else if (now.getTime() < breachAt) outcome = "met";
    else if (now.getTime() - breachAt >= LEFT_AFTER_MS) outcome = "left";
    if (outcome) settled.push({ ticketId: alert.ticketId, metric: alert.metric, outcome });
  }
  return settled;
}
