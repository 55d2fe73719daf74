// Give Back adoption by month against the goal: per completed project, and any project at all, the
// share of the team that answered "yes, I used it" in the monthly check-in.
import { type Adoption, adoption, monthOf, previousMonth } from "../../domain/adoption.ts";
import { localDate } from "../../domain/dates.ts";
import type { GiveBackProject } from "../../domain/rituals.ts";
import { teamMembers } from "../../services/give-backs.ts";
import type { AdoptionYes } from "../../store/reports-store.ts";
import type { Store } from "../../store/store.ts";
import { html, type SafeHtml } from "../html.ts";
import { chartShare, percent } from "./figures.ts";
import { chart, empty, table } from "./markup.ts";
import type { Scope } from "./scope.ts";

/** Six months: half a year of check-ins, the current month last. */
export const ADOPTION_MONTHS = 6;

export interface AdoptionInput {
  store: Pick<Store, "listGiveBacks" | "reports">;
  scope: Scope;
  now: Date;
  timezone: string;
  goal: number;
}

export async function adoptionSection(input: AdoptionInput): Promise<SafeHtml> {
  const { store, scope, goal } = input;
  const months = lastMonths(monthOf(localDate(input.now, input.timezone)), ADOPTION_MONTHS);
  const [projects, answers] = await Promise.all([
    store.listGiveBacks(),
    store.reports.adoptionYesSince(months[0] ?? ""),
  ]);
  const yes = answers.filter((answer) => scope.sees(answer.rep));
  const asked = projects.filter(
    (project) => project.status === "completed" || yes.some((answer) => answer.projectId === project.id),
  );
  // Without the CRM the team's size is unknown, so no share can be worked out.
  const teamSize = scope.repsKnown ? teamMembers(scope.reps).length : null;
  // A month before a project existed has no adoption to speak of: shown as "–", not as 0%.
  const since = (project: GiveBackProject) => monthOf(project.createdAt.toISOString());
  const first = asked.map(since).sort()[0] ?? "";
  const rows = [
    {
      label: "Any project",
      adoption: months.map((month) => (month < first ? null : rate(month, yes, null, teamSize, goal))),
    },
    ...asked.map((project) => ({
      label: project.title,
      project,
      adoption: months.map((month) =>
        month < since(project) ? null : rate(month, yes, project.id, teamSize, goal),
      ),
    })),
  ];
  const goalText = percent(goal);
  const heading = html`<h2>Give Back adoption by month</h2>
<p>Of the ${teamSize === null ? "team" : html`team (${teamSize} reps and managers)`}, the share who
answered "yes, I used it" to a completed project's monthly check-in, against the ${goalText} goal.
Check-ins go out late in the month, so the current month reads low until they are answered.</p>`;
  if (asked.length === 0) {
    return html`${heading}${empty("No Give Back project is completed yet, so nobody has been asked about one.")}`;
  }
  return html`${heading}
${
  teamSize === null
    ? ""
    : chart("chart-adoption", `Give Back adoption by month against the ${goalText} goal`, {
        kind: "line",
        labels: months,
        unit: "percent",
        series: [
          ...rows.map((row) => ({
            label: row.label,
            values: row.adoption.map((entry) => chartShare(entry?.rate)),
          })),
          { label: `Goal (${goalText})`, values: months.map(() => goal), dashed: true },
        ],
      })
}
${table(
  `Give Back adoption by month (goal ${goalText}; ✓ meets it)`,
  ["Project", ...months],
  rows.map((row) => ({
    head:
      "project" in row && row.project ? projectHead(row.project, scope) : html`<strong>${row.label}</strong>`,
    cells: row.adoption.map(adoptionCell),
  })),
  "adoption",
)}`;
}

function projectHead(project: GiveBackProject, scope: Scope): SafeHtml {
  return html`${project.title} <span class="muted">by ${scope.nameOf(project.rep)}, ${project.status}</span>`;
}

function adoptionCell(entry: Adoption | null): SafeHtml {
  if (entry === null) return html`–`;
  if (entry.rate === null) return html`${entry.yes} yes`;
  const share = html`${percent(entry.rate)} <span class="muted">(${entry.yes} of ${entry.teamSize})</span>`;
  return entry.meetsGoal ? html`<span class="meets-goal">✓ ${share}</span>` : share;
}

/** The distinct reps who said yes in `month`, to one project or (null) to any. */
function rate(
  month: string,
  yes: readonly AdoptionYes[],
  projectId: string | null,
  teamSize: number | null,
  goal: number,
): Adoption {
  const reps = new Set(
    yes
      .filter((answer) => answer.month === month && (projectId === null || answer.projectId === projectId))
      .map((answer) => answer.rep.toLowerCase()),
  );
  return adoption(month, reps.size, teamSize ?? 0, goal);
}

function lastMonths(current: string, count: number): string[] {
  const months = [current];
  while (months.length < count) months.unshift(previousMonth(months[0] ?? current));
  return months;
}
