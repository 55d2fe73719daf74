// The "Weekly cleanup" section of a digest as terminal text: a count per weekly rule and a few of
// its records by name, as the Slack section shows them.
import { ruleName } from "../domain/rule-names.ts";
import {
  WEEKLY_CLEANUP_TITLE,
  WEEKLY_RECORDS_PER_RULE,
  type WeeklyCleanup,
} from "../domain/weekly-cleanup.ts";

export function weeklyCleanupLines(weekly: WeeklyCleanup | null | undefined): string[] {
  if (!weekly || weekly.count === 0) return [];
  const lines = [
    `   ${WEEKLY_CLEANUP_TITLE} (${weekly.count} ${weekly.count === 1 ? "finding" : "findings"}):`,
  ];
  for (const line of weekly.lines) {
    const names = line.records.slice(0, WEEKLY_RECORDS_PER_RULE).map((group) => group.record.name);
    const more = line.count - names.length;
    lines.push(
      `     ${ruleName(line.rule)}: ${line.count} · ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
    );
  }
  return lines;
}
