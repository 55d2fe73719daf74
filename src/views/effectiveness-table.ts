// The effectiveness report as a plain-text table: the CLI prints it, Slack shows it in a code block.
import { ruleName } from "../domain/rule-names.ts";
import type { EffectivenessReport } from "../services/effectiveness-report.ts";

const percent = (value: number | null): string => (value === null ? "–" : `${Math.round(value * 100)}%`);
const days = (value: number | null): string => (value === null ? "–" : String(Math.round(value * 10) / 10));

export function effectivenessTable(report: EffectivenessReport): string {
  const header = ["rule", "opened", "nudged", "fixed≤3d", "fix rate", "median d", "open", "snoozed", ""];
  const rows = report.rules.map((row) => [
    ruleName(row.rule),
    String(row.opened),
    String(row.nudged),
    String(row.fixedWithin3),
    percent(row.fixRate),
    days(row.medianDaysToFix),
    String(row.open),
    percent(row.snoozedShare),
    row.noisy ? "NOISY" : "",
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** What to do about each noisy rule, one sentence per rule; empty when none is. */
export function noisyAdvice(report: EffectivenessReport): string[] {
  return report.rules
    .filter((row) => row.noisy)
    .map(
      (row) =>
        `${ruleName(row.rule)} is noisy: ${row.nudged} nudged, ${percent(row.fixRate)} fixed within 3 working days. ` +
        `Raise its threshold, turn it off (add ${row.rule} to rules.disabled in config/nudgebot.yml), ` +
        `or move it to the weekly cleanup (effectiveness.noisyRules: weekly, or "Move to weekly" in App Home or on the console).`,
    );
}

/** The team's Required 7 overall score by ISO week, one line. */
export function weeklyScoreLine(report: EffectivenessReport): string {
  if (report.weeks.length === 0) return "Required 7 by week: no scores recorded yet.";
  return `Required 7 by week: ${report.weeks.map((week) => `${week.week} ${percent(week.overall)}`).join(" · ")}`;
}
