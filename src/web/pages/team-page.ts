// The Team page: the Required 7 score by ISO week, per rep and per skill, for the viewer's scope, as
// charts and tables, from the weekly scores each scan records; then the findings stuck after a nudge.
import { addDays, localDate } from "../../domain/dates.ts";
import { scoresByWeek, type WeekScore } from "../../domain/effectiveness.ts";
import { isoWeek, type WeeklyScore } from "../../domain/episodes.ts";
import { SKILLS } from "../../domain/findings.ts";
import type { Store } from "../../store/store.ts";
import type { PageContent } from "../console-pages.ts";
import { html, type SafeHtml } from "../html.ts";
import { chartShare, percent } from "./figures.ts";
import { chart, empty, notice, table } from "./markup.ts";
import type { Scope } from "./scope.ts";
import { type StuckSettings, stuckSection } from "./stuck-section.ts";

/** Twelve ISO weeks: a quarter, enough to see a trend, small enough for a phone. */
export const TEAM_WEEKS = 12;
/** More lines than this make a chart unreadable: it then shows the reps scoring lowest, the table everyone. */
export const CHARTED_REPS = 8;

interface RepWeeks {
  email: string;
  name: string;
  weeks: WeekScore[];
}

export async function teamPage(
  store: Pick<Store, "history" | "listPauses">,
  scope: Scope,
  now: Date,
  timezone: string,
  stuck: StuckSettings,
): Promise<PageContent> {
  const firstWeek = isoWeek(addDays(localDate(now, timezone), -(TEAM_WEEKS * 7 - 1)));
  const scores = (await store.history.weeklyScoresSince(firstWeek)).filter((score) => scope.sees(score.rep));
  const weeks = [...new Set(scores.map((score) => score.week))].sort();
  const whole = scoresByWeek(scores);
  const reps = perRep(scores, scope);
  const teamName = scope.owners ? "Whole team" : "Everyone";
  return {
    title: "Team",
    body: html`${scope.problem ? notice(scope.problem) : ""}
<p class="lede">The Required 7 score per ISO week for ${scope.label}, since ${firstWeek}: the share of
records that meet each skill, then the mean of the skills that apply. Each scan records the week's score.</p>
${
  weeks.length === 0
    ? empty(
        "No weekly scores yet: they are recorded by each scan, so they appear after the first scan " +
          "(or try `npm run demo -- --history` on sample data).",
      )
    : html`${overall(weeks, whole, reps, teamName)}${skills(weeks, whole, teamName)}${latestBySkill(reps, weeks)}`
}
${await stuckSection(store, scope, stuck)}`,
  };
}

function perRep(scores: readonly WeeklyScore[], scope: Scope): RepWeeks[] {
  const byRep = new Map<string, WeeklyScore[]>();
  for (const score of scores) {
    const email = score.rep.toLowerCase();
    byRep.set(email, [...(byRep.get(email) ?? []), score]);
  }
  return [...byRep.entries()]
    .map(([email, own]) => ({ email, name: scope.nameOf(email), weeks: scoresByWeek(own) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const overallIn = (weeks: readonly WeekScore[], week: string) =>
  weeks.find((entry) => entry.week === week)?.overall;

function overall(weeks: string[], whole: WeekScore[], reps: RepWeeks[], teamName: string): SafeHtml {
  const latest = weeks[weeks.length - 1] ?? "";
  const charted = reps.length > CHARTED_REPS ? lowest(reps, latest) : reps;
  const caption =
    charted === reps
      ? `Required 7 score by ISO week, per rep and for ${teamName.toLowerCase()} (dashed)`
      : `Required 7 score by ISO week for ${teamName.toLowerCase()} (dashed) and the ${CHARTED_REPS} reps ` +
        `scoring lowest in ${latest}; every rep is in the table`;
  return html`<h2>Required 7 score by week, per rep</h2>
${chart("chart-team-overall", caption, {
  kind: "line",
  labels: weeks,
  unit: "percent",
  series: [
    { label: teamName, values: weeks.map((week) => chartShare(overallIn(whole, week))), dashed: true },
    ...charted.map((rep) => ({
      label: rep.name,
      values: weeks.map((week) => chartShare(overallIn(rep.weeks, week))),
    })),
  ],
})}
${table(
  "Required 7 score by ISO week, per rep",
  ["Rep", ...weeks],
  [
    { head: teamName, cells: weeks.map((week) => percent(overallIn(whole, week))), className: "total" },
    ...reps.map((rep) => ({
      head: rep.name,
      cells: weeks.map((week) => percent(overallIn(rep.weeks, week))),
    })),
  ],
  "scores-by-rep",
)}`;
}

/** The reps who most need a look: lowest score in `week` first (no score counts as lowest), in name order. */
function lowest(reps: RepWeeks[], week: string): RepWeeks[] {
  const score = (rep: RepWeeks) => overallIn(rep.weeks, week) ?? -1;
  const picked = new Set([...reps].sort((a, b) => score(a) - score(b)).slice(0, CHARTED_REPS));
  return reps.filter((rep) => picked.has(rep));
}

function skills(weeks: string[], whole: WeekScore[], teamName: string): SafeHtml {
  const skillIn = (week: string, skill: string) => whole.find((entry) => entry.week === week)?.skills[skill];
  return html`<h2>By skill</h2>
${chart("chart-team-skills", `Each skill's score by ISO week (${teamName.toLowerCase()})`, {
  kind: "line",
  labels: weeks,
  unit: "percent",
  series: SKILLS.map((skill) => ({
    label: `${skill.number}. ${skill.title}`,
    values: weeks.map((week) => chartShare(skillIn(week, skill.id))),
  })),
})}
${table(
  `Each skill's score by ISO week (${teamName.toLowerCase()})`,
  ["Skill", ...weeks],
  SKILLS.map((skill) => ({
    head: `${skill.number}. ${skill.title}`,
    cells: weeks.map((week) => percent(skillIn(week, skill.id))),
  })),
  "scores-by-skill",
)}`;
}

function latestBySkill(reps: RepWeeks[], weeks: string[]): SafeHtml {
  const latest = weeks[weeks.length - 1] ?? "";
  return html`<h2>Each rep by skill, week ${latest}</h2>
${table(
  `Each rep's score per skill in ${latest} (– where no record falls under the skill)`,
  ["Rep", ...SKILLS.map((skill) => `${skill.number}. ${skill.title}`), "Overall"],
  reps.map((rep) => {
    const week = rep.weeks.find((entry) => entry.week === latest);
    return {
      head: rep.name,
      cells: [...SKILLS.map((skill) => percent(week?.skills[skill.id])), percent(week?.overall)],
    };
  }),
  "latest-by-skill",
)}`;
}
