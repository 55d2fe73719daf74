// The weekly cleanup's rules as plain text for admins (check-config, App Home, the console): which
// rules are weekly and why, and which noisy rules stay daily.
import { ruleName } from "../domain/rule-names.ts";
import type { NoisyRules } from "../domain/weekly-rules.ts";
import type { WeeklyRuleRow } from "../services/weekly-rules.ts";

const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

/** "weekly: noisy: 5% fixed" · "weekly: moved by Olga Ops on 2026-03-09 (inactive: the rule is off)" · "daily, noisy: 8% fixed" */
export function weeklyRowText(row: WeeklyRuleRow): string {
  if (row.weekly) {
    return `weekly: ${row.weekly.reason}${row.weekly.active ? "" : " (inactive: the rule is off)"}`;
  }
  return `daily, noisy: ${percent(row.noisy?.fixRate ?? null)} fixed`;
}

/** The check-config lines: the setting, then one line per weekly or noisy rule. */
export function weeklyRulesLines(mode: NoisyRules, rows: readonly WeeklyRuleRow[]): string[] {
  const weekly = rows.filter((row) => row.weekly);
  const head =
    weekly.length === 0
      ? `Weekly cleanup (effectiveness.noisyRules: ${mode}): no rule is weekly; every rule's findings go in the daily digest.`
      : `Weekly cleanup (effectiveness.noisyRules: ${mode}): ${weekly.length} rule${weekly.length === 1 ? "" : "s"} listed once a week, on Monday, instead of daily.`;
  return [head, ...rows.map((row) => `  ${ruleName(row.rule)} (${row.rule}): ${weeklyRowText(row)}`)];
}
