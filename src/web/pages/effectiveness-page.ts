// The Effectiveness page: per rule, whether nudges get things fixed (the `nudgebot report` table),
// noisy rules marked with what to do, and each rule's fix rate by week as a chart and a table.
import { ruleName } from "../../domain/rule-names.ts";
import type { EffectivenessReport } from "../../services/effectiveness-report.ts";
import type { StatsService } from "../../services/stats.ts";
import { noisyAdvice } from "../../views/effectiveness-table.ts";
import type { PageContent } from "../console-pages.ts";
import { html, type SafeHtml } from "../html.ts";
import { chartShare, count, percent, workingDays } from "./figures.ts";
import { holdoutSection } from "./holdout-section.ts";
import { chart, empty, notice, table } from "./markup.ts";
import { periodFrom, periodLinks } from "./period.ts";
import type { Scope } from "./scope.ts";

export async function effectivenessPage(
  stats: StatsService,
  scope: Scope,
  query: URLSearchParams,
  /** The weekly cleanup section, where the page shows one. */
  weekly: SafeHtml | null = null,
): Promise<PageContent> {
  const { days, note } = periodFrom(query);
  const report = await stats.report(scope.owners ?? undefined, days);
  const { since, until } = report.period;
  const hasHistory = report.rules.some((row) => row.opened > 0 || row.nudged > 0 || row.open > 0);
  return {
    title: "Effectiveness",
    body: html`${scope.problem ? notice(scope.problem) : ""}${note ? notice(note) : ""}
<p class="lede">Does nudging get things fixed? Per rule, for ${scope.label}, from ${since} to ${until}
(the last ${days} days). A rule is <strong>noisy</strong> when at least 20 findings were nudged and
under half of them were fixed within 3 working days of the first nudge.</p>
${periodLinks(days)}
${
  hasHistory
    ? html`${advice(report)}${rulesTable(report)}${holdoutSection(report.holdout)}${weeklyFixRates(report)}`
    : empty(
        "No history yet for this period: the finding history starts with the first scan after the " +
          "bot is installed, and fix rates appear once digests have gone out. Try a longer period, or " +
          "`npm run demo -- --history` to see the page on sample data.",
      )
}${weekly ?? ""}`,
  };
}

function advice(report: EffectivenessReport): SafeHtml {
  const lines = noisyAdvice(report);
  if (lines.length === 0) return html`<p class="ok">No rule is noisy in this period.</p>`;
  return html`<section class="advice" aria-label="Noisy rules"><ul>${lines.map(
    (line) => html`<li>${line}</li>`,
  )}</ul></section>`;
}

function rulesTable(report: EffectivenessReport): SafeHtml {
  return table(
    "Per rule: findings opened, nudged and fixed within 3 working days of the first nudge",
    [
      "Rule",
      "Opened",
      "Nudged",
      "Fixed within 3 working days",
      "Fix rate",
      "Median working days to fix",
      "Still open",
      "Snoozed",
    ],
    report.rules.map((row) => ({
      head: row.noisy
        ? html`${ruleName(row.rule)} <strong class="noisy-mark">Noisy</strong>`
        : ruleName(row.rule),
      cells: [
        count(row.opened),
        count(row.nudged),
        count(row.fixedWithin3),
        percent(row.fixRate),
        workingDays(row.medianDaysToFix),
        count(row.open),
        percent(row.snoozedShare),
      ],
      ...(row.noisy ? { className: "noisy" } : {}),
    })),
    "rules",
  );
}

function weeklyFixRates(report: EffectivenessReport): SafeHtml {
  if (report.ruleWeeks.length === 0) {
    return empty("No finding was nudged in this period, so there is no fix rate by week yet.");
  }
  const weeks = [...new Set(report.ruleWeeks.map((week) => week.week))].sort();
  const rules = report.rules
    .map((row) => row.rule)
    .filter((rule) => report.ruleWeeks.some((w) => w.rule === rule));
  const cell = (rule: string, week: string) =>
    report.ruleWeeks.find((entry) => entry.rule === rule && entry.week === week);
  return html`<h2>Fix rate by week</h2>
<p>Of the findings first nudged in each ISO week, the share fixed within 3 working days. The latest
week reads low until its nudges are 3 working days old.</p>
${chart("chart-fix-rate", "Fix rate by week of first nudge, per rule", {
  kind: "line",
  labels: weeks,
  unit: "percent",
  series: rules.map((rule) => ({
    label: ruleName(rule),
    values: weeks.map((week) => chartShare(cell(rule, week)?.fixRate)),
  })),
})}
${table(
  "Fix rate by week of first nudge, per rule (fixed within 3 working days of nudged)",
  ["Rule", ...weeks],
  rules.map((rule) => ({
    head: ruleName(rule),
    cells: weeks.map((week) => {
      const entry = cell(rule, week);
      return entry ? `${percent(entry.fixRate)} (${entry.fixedWithin3} of ${entry.nudged})` : "–";
    }),
  })),
  "fix-rate-by-week",
)}`;
}
