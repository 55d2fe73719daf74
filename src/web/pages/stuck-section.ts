// The Team page's stuck findings: still open long after their first nudge, per rep, worst first,
// the same ones the manager's weekly digest lists.
import type { CalendarSettings } from "../../domain/calendar.ts";
import { ruleName } from "../../domain/rule-names.ts";
import { STUCK_PER_REP, type StuckListing } from "../../domain/stuck.ts";
import { stuckOf } from "../../services/stuck-findings.ts";
import type { Store } from "../../store/store.ts";
import { html, type SafeHtml } from "../html.ts";
import { empty, table } from "./markup.ts";
import type { Scope } from "./scope.ts";

export interface StuckSettings {
  settings: CalendarSettings;
  /** `effectiveness.escalateAfterWorkingDays`. */
  after: number;
}

export async function stuckSection(
  store: Pick<Store, "history" | "listPauses">,
  scope: Scope,
  stuck: StuckSettings,
): Promise<SafeHtml> {
  const owners = [...(scope.view?.evaluation.owners.values() ?? [])]
    .filter((owner) => scope.sees(owner.owner))
    .sort((a, b) => scope.nameOf(a.owner).localeCompare(scope.nameOf(b.owner)));
  const reps = await stuckOf(
    { history: store.history, pauses: store, settings: stuck.settings, after: stuck.after },
    owners,
  );
  const days = `${stuck.after} working day${stuck.after === 1 ? "" : "s"}`;
  return html`<h2>Stuck after a nudge</h2>
<p>Findings still open ${days} or more after their first nudge, counted by each rep's calendar:
the ones the weekly manager digest lists, worst first, at most ${STUCK_PER_REP} per rep.</p>
${
  reps.length === 0
    ? empty(
        scope.view
          ? `No finding is still open ${days} after its first nudge.`
          : "Stuck findings are listed once the bot has read the CRM since it started (within a minute or so).",
      )
    : table(
        `Findings still open ${days} or more after their first nudge, per rep`,
        ["Rep", "Finding", "Record", "First nudged", "Working days since"],
        reps.flatMap(rows),
        "stuck-findings",
      )
}`;
}

function rows(rep: StuckListing) {
  return [
    ...rep.findings.map((finding) => ({
      head: rep.name,
      cells: [ruleName(finding.rule), finding.recordName, finding.nudgedOn, String(finding.workingDays)],
    })),
    ...(rep.more > 0 ? [{ head: rep.name, cells: [`and ${rep.more} more`, "", "", ""] }] : []),
  ];
}
