// The Required 7 scorecard: per skill, the share of applicable records with no finding.
import { SKILLS, type SkillId } from "./findings.ts";

export interface SkillTally {
  applicable: number;
  clean: number;
}

export type Coverage = Record<SkillId, SkillTally>;

export interface SkillScore extends SkillTally {
  skill: SkillId;
  number: number;
  title: string;
  /** 0…1, or null when no record of the rep's falls under the skill. */
  score: number | null;
}

export interface Scorecard {
  skills: SkillScore[];
  /** Mean of the skills that apply, or null when none does. */
  overall: number | null;
}

export function emptyCoverage(): Coverage {
  const coverage = {} as Coverage;
  for (const skill of SKILLS) coverage[skill.id] = { applicable: 0, clean: 0 };
  return coverage;
}

export function addCoverage(into: Coverage, from: Coverage): Coverage {
  for (const skill of SKILLS) {
    into[skill.id].applicable += from[skill.id].applicable;
    into[skill.id].clean += from[skill.id].clean;
  }
  return into;
}

export function scorecard(coverage: Coverage): Scorecard {
  const skills = SKILLS.map(({ id, number, title }) => {
    const { applicable, clean } = coverage[id];
    return { skill: id, number, title, applicable, clean, score: applicable > 0 ? clean / applicable : null };
  });
  const scored = skills.flatMap((skill) => (skill.score === null ? [] : [skill.score]));
  const overall = scored.length > 0 ? scored.reduce((sum, score) => sum + score, 0) / scored.length : null;
  return { skills, overall };
}

/** "87%" or "n/a"; whole percentages, rounded down so 99.6% never shows as a perfect 100%. */
export function formatScore(score: number | null): string {
  return score === null ? "n/a" : `${Math.floor(score * 100 + 1e-9)}%`;
}
