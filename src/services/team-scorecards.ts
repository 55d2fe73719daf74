// Teams' Required 7 scorecards: per rep, worst first, plus the team as a whole.
import type { OwnerEvaluation, PipelineEvaluation } from "../domain/evaluate.ts";
import type { Rep } from "../domain/model.ts";
import { addCoverage, emptyCoverage, scorecard } from "../domain/scorecard.ts";
import type { TeamScorecard } from "../views/scorecard-table.ts";

/** One table for a set of owners: each rep's row, worst overall score first, then the team. */
export function teamScorecard(title: string, manager: Rep | null, members: OwnerEvaluation[]): TeamScorecard {
  const rows = members
    .map((owner) => ({
      name: owner.rep?.name ?? owner.owner,
      scorecard: scorecard(owner.coverage),
      findings: owner.findingCount,
    }))
    .sort((a, b) => (a.scorecard.overall ?? 1) - (b.scorecard.overall ?? 1) || a.name.localeCompare(b.name));
  const total = members.reduce((coverage, owner) => addCoverage(coverage, owner.coverage), emptyCoverage());
  const findings = members.reduce((sum, owner) => sum + owner.findingCount, 0);
  return { title, manager, rows, team: { name: "whole team", scorecard: scorecard(total), findings } };
}

export function membersOf(manager: Rep, evaluation: PipelineEvaluation): OwnerEvaluation[] {
  const email = manager.email.toLowerCase();
  return [...evaluation.owners.values()].filter((owner) => owner.rep?.managerEmail?.toLowerCase() === email);
}

/** Every manager's team. */
export function teamScorecards(evaluation: PipelineEvaluation): TeamScorecard[] {
  const managers = [...evaluation.owners.values()].flatMap((owner) =>
    owner.rep?.role === "manager" ? [owner.rep] : [],
  );
  return managers.map((manager) =>
    teamScorecard(`Team of ${manager.name}`, manager, membersOf(manager, evaluation)),
  );
}
