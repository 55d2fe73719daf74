// The manager's weekly digest as terminal text (the demo's): the team's scorecard, then the
// findings still open long after their first nudge, per rep, worst first, as the Slack message lists them.
import { ruleName } from "../domain/rule-names.ts";
import { type StuckListing, stuckFor } from "../domain/stuck.ts";
import { scorecardTable, type TeamScorecard } from "./scorecard-table.ts";

export function managerDigestText(
  team: TeamScorecard,
  stuck: readonly StuckListing[],
  after: number,
): string {
  const lines = [team.title, scorecardTable([...team.rows, team.team])];
  if (stuck.length === 0) lines.push("Nothing stuck after a nudge.");
  else {
    lines.push(
      `Stuck after a nudge: findings still open ${after} working day${after === 1 ? "" : "s"} or more after the first nudge`,
    );
    for (const rep of stuck) {
      lines.push(`  ${rep.name}`);
      for (const f of rep.findings)
        lines.push(`    • ${ruleName(f.rule)}: ${f.recordName}, ${stuckFor(f.workingDays)}`);
      if (rep.more > 0) lines.push(`    and ${rep.more} more`);
    }
  }
  return lines.join("\n");
}
