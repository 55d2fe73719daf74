// Each manager's team: their reps' Required 7 scorecards, worst first, ready to print.
import type { PipelineEvaluation } from "../domain/evaluate.ts";
import type { Rep } from "../domain/model.ts";
import { addCoverage, emptyCoverage, scorecard } from "../domain/scorecard.ts";
import type { ScorecardRow } from "./scorecard-text.ts";

export interface TeamScorecard {
  manager: Rep;
  rows: ScorecardRow[];
  team: ScorecardRow;
}

export function teamScorecards(evaluation: PipelineEvaluation): TeamScorecard[] {
  const owners = [...evaluation.owners.values()];
  const managers = owners.flatMap((owner) => (owner.rep?.role === "manager" ? [owner.rep] : []));
  return managers.map((manager) => {
    const members = owners.filter((owner) => owner.rep?.managerEmail === manager.email);
    const rows = members
      .map((owner) => ({
        name: owner.rep?.name ?? owner.owner,
        scorecard: scorecard(owner.coverage),
        findings: owner.findingCount,
      }))
      .sort(
        (a, b) => (a.scorecard.overall ?? 1) - (b.scorecard.overall ?? 1) || a.name.localeCompare(b.name),
      );
    const total = members.reduce((coverage, owner) => addCoverage(coverage, owner.coverage), emptyCoverage());
    const findings = members.reduce((sum, owner) => sum + owner.findingCount, 0);
    return { manager, rows, team: { name: "whole team", scorecard: scorecard(total), findings } };
  });
}
