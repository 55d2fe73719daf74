// Give Back adoption: the share of the team that used a project in a month, against the 70% goal.

export interface Adoption {
  month: string;
  yes: number;
  teamSize: number;
  /** 0…1, or null for an empty team. */
  rate: number | null;
  meetsGoal: boolean;
}

export const ADOPTION_GOAL = 0.7;

/** Distinct "yes" answers for the month ÷ team size. */
export function adoption(month: string, yes: number, teamSize: number, goal = ADOPTION_GOAL): Adoption {
  const rate = teamSize > 0 ? Math.min(1, yes / teamSize) : null;
  return { month, yes, teamSize, rate, meetsGoal: rate !== null && rate >= goal };
}

/** The month (`YYYY-MM`) of a local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month before `month`. */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const number = Number(month.slice(5, 7));
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, "0")}`;
}
