// Scorecards as terminal tables: one rep per row, one Required 7 skill per column.
import { SKILLS } from "../domain/findings.ts";
import type { Rep } from "../domain/model.ts";
import { formatScore, type Scorecard } from "../domain/scorecard.ts";

export interface ScorecardRow {
  name: string;
  scorecard: Scorecard;
  findings: number;
}

/** A team's table: one row per rep, worst first, then the team as a whole. */
export interface TeamScorecard {
  title: string;
  manager: Rep | null;
  rows: ScorecardRow[];
  team: ScorecardRow;
}

const COLUMN = 7;

export function scorecardTable(rows: ScorecardRow[]): string {
  const nameWidth = Math.max(4, ...rows.map((row) => row.name.length));
  const header = [
    "rep".padEnd(nameWidth),
    "overall".padStart(COLUMN),
    ...SKILLS.map((skill) => `${skill.number}`.padStart(COLUMN)),
    "findings".padStart(9),
  ].join(" ");
  const body = rows.map((row) =>
    [
      row.name.padEnd(nameWidth),
      formatScore(row.scorecard.overall).padStart(COLUMN),
      ...row.scorecard.skills.map((skill) => formatScore(skill.score).padStart(COLUMN)),
      String(row.findings).padStart(9),
    ].join(" "),
  );
  const legend = SKILLS.map((skill) => `${skill.number} ${skill.title}`).join(" · ");
  return [header, ...body, `   ${legend}`].join("\n");
}
