// The Delivery page: messages sent per day, the outbox now, what failed and why, which rules run,
// and, with a help desk configured, the support queue's breach alerts.
// These are the bot's own figures, the same for every team: managers see the counts and rules, while
// the list of failed messages (it names people outside their team) is for admins.
import type { Config } from "../../config/config.ts";
import { ruleStates } from "../../domain/availability.ts";
import { addDays, localDate } from "../../domain/dates.ts";
import { ruleName } from "../../domain/rule-names.ts";
import type { Viewer } from "../../services/access.ts";
import type { DeliveryProblem, SentOnDay } from "../../store/reports-store.ts";
import type { OutboxStore, Store } from "../../store/store.ts";
import type { SupportAlertTally } from "../../store/support-alerts-store.ts";
import type { PageContent } from "../console-pages.ts";
import { html, type SafeHtml } from "../html.ts";
import { count } from "./figures.ts";
import { chart, empty, notice, table } from "./markup.ts";
import type { Scope } from "./scope.ts";

export const DELIVERY_DAYS = 30;
const PROBLEMS_SHOWN = 25;
/** The kinds people think of first, in this order; any other kind follows alphabetically. */
const FIRST_KINDS = ["digest", "manager-digest"];

export async function deliveryPage(
  store: Pick<OutboxStore, "outboxStats"> &
    Pick<Store, "reports"> &
    Partial<Pick<Store, "supportAlertTally">>,
  config: Pick<Config, "defaultTimezone" | "outbox" | "rules"> & Partial<Pick<Config, "zendesk">>,
  viewer: Viewer,
  scope: Scope,
  now: Date,
): Promise<PageContent> {
  const timezone = config.defaultTimezone;
  const days = Array.from({ length: DELIVERY_DAYS }, (_, index) =>
    addDays(localDate(now, timezone), index - DELIVERY_DAYS + 1),
  );
  const since = new Date(now.getTime() - DELIVERY_DAYS * 86_400_000);
  const [sent, stats, uncertain, problems, queue] = await Promise.all([
    store.reports.sentPerDay(new Date(now.getTime() - (DELIVERY_DAYS + 1) * 86_400_000), timezone),
    store.outboxStats(now),
    store.reports.uncertainCount(),
    viewer.isAdmin ? store.reports.deliveryProblems(PROBLEMS_SHOWN) : Promise.resolve(null),
    config.zendesk && store.supportAlertTally ? store.supportAlertTally(since, now) : Promise.resolve(null),
  ]);
  const retention = config.outbox.retentionDays;
  return {
    title: "Delivery",
    body: html`${scope.problem ? notice(scope.problem) : ""}
<p class="lede">${
      viewer.isAdmin
        ? "Whether the bot's messages reach Slack."
        : "Whether the bot's messages reach Slack. These figures are the whole bot's, not only your team's; the list of failed messages is for admins, as it names people outside your team."
    }</p>
${sentPerDay(
  days,
  sent.filter((row) => row.day >= (days[0] ?? "")),
  timezone,
  retention,
)}
<h2>Outbox now</h2>
${table(
  "Messages in the outbox now",
  ["State", "Messages"],
  [
    { head: "Queued, waiting to be sent", cells: [count(stats.depth)] },
    {
      head: "of which an earlier attempt may have reached Slack (checked before resending)",
      cells: [count(uncertain)],
    },
    {
      head: "Failed for good (Slack refused them)",
      cells: [count(stats.failed)],
      ...(stats.failed > 0 ? { className: "alert" } : {}),
    },
    { head: "Oldest queued message waiting for", cells: [waited(stats.oldestAgeSeconds)] },
  ],
  "outbox",
)}
${problems ? problemList(problems) : ""}
${queue ? supportQueue(queue) : ""}
${rules(scope, config.rules.disabledRules)}`,
  };
}

function sentPerDay(days: string[], sent: SentOnDay[], timezone: string, retention: number): SafeHtml {
  const kinds = [...new Set(sent.map((row) => row.kind))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const on = (day: string, kind: string) =>
    sent.find((row) => row.day === day && row.kind === kind)?.count ?? 0;
  const heading = html`<h2>Messages sent per day</h2>
<p>The last ${DELIVERY_DAYS} days, by kind, per day in ${timezone}.${
    retention < DELIVERY_DAYS
      ? ` Sent messages are kept ${retention} days (outbox.retentionDays), so older days show none.`
      : ""
  }</p>`;
  if (kinds.length === 0)
    return html`${heading}${empty(`Nothing was sent in the last ${DELIVERY_DAYS} days.`)}`;
  return html`${heading}
${chart("chart-sent", `Messages sent per day, by kind, the last ${DELIVERY_DAYS} days`, {
  kind: "bar",
  stacked: true,
  unit: "count",
  labels: days,
  series: kinds.map((kind) => ({ label: kind, values: days.map((day) => on(day, kind)) })),
})}
${table(
  "Messages sent per day, by kind",
  ["Day", ...kinds, "Total"],
  days.map((day) => ({
    head: day,
    cells: [
      ...kinds.map((kind) => count(on(day, kind))),
      count(kinds.reduce((sum, kind) => sum + on(day, kind), 0)),
    ],
  })),
  "sent-per-day",
)}`;
}

function supportQueue(tally: SupportAlertTally): SafeHtml {
  return html`<h2>Support queue</h2>
${table(
  `Breach alerts of the last ${DELIVERY_DAYS} days`,
  ["Breach alerts", "Count"],
  [
    { head: "Sent", cells: [count(tally.sent)] },
    { head: "Taken with Take it", cells: [count(tally.taken)] },
    {
      head: "Breached anyway",
      cells: [count(tally.breached)],
      ...(tally.breached > 0 ? { className: "alert" } : {}),
    },
    { head: "Met", cells: [count(tally.met)] },
  ],
  "support-queue",
)}`;
}

const rank = (kind: string) => {
  const index = FIRST_KINDS.indexOf(kind);
  return index === -1 ? FIRST_KINDS.length : index;
};

function waited(seconds: number): string {
  if (seconds <= 0) return "nothing is waiting";
  if (seconds < 120) return `${Math.round(seconds)} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}

function problemList(problems: DeliveryProblem[]): SafeHtml {
  const heading = html`<h2>Recent failures</h2>`;
  if (problems.length === 0)
    return html`${heading}${empty("No message failed or is waiting to be retried.")}`;
  return html`${heading}
${table(
  `The latest ${problems.length} messages that failed or are being retried, newest first`,
  ["Message", "Kind", "State", "Attempts", "Error", "Queued at (UTC)"],
  problems.map((problem) => ({
    head: problem.key,
    cells: [
      problem.kind,
      problem.status === "failed" ? "failed for good" : "retrying",
      count(problem.attempts),
      html`<code>${problem.lastError}</code>`,
      problem.createdAt.toISOString().slice(0, 16).replace("T", " "),
    ],
    ...(problem.status === "failed" ? { className: "alert" } : {}),
  })),
  "failures",
)}`;
}

function rules(scope: Scope, disabled: Config["rules"]["disabledRules"]): SafeHtml {
  const heading = html`<h2>Rules on and off</h2>`;
  if (!scope.view) {
    return html`${heading}${empty("Which rules run depends on the fields the CRM has, and the CRM could not be read just now.")}`;
  }
  const states = ruleStates(scope.view.available, disabled);
  return html`${heading}
${table(
  `${states.filter((state) => state.on).length} of ${states.length} rules run on this data source`,
  ["Rule", "State", "Why it is off or checks less, and what changes that"],
  states.map((state) => ({
    head: ruleName(state.rule),
    cells: [state.on ? "on" : "off", state.reason ?? state.note ?? ""],
    ...(state.on ? {} : { className: "off" }),
  })),
  "rules-on-off",
)}`;
}
