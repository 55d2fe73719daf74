// The Effectiveness page's weekly cleanup: which rules are listed once a week instead of daily and
// why, the noisy rules still daily, and for admins a form per rule to move it (CSRF token carried).
import type { RuleId } from "../../domain/findings.ts";
import { ruleName } from "../../domain/rule-names.ts";
import type { NoisyRules } from "../../domain/weekly-rules.ts";
import type { WeeklyRuleRow } from "../../services/weekly-rules.ts";
import { weeklyRowText } from "../../views/weekly-rules-text.ts";
import type { PageForms } from "../console-pages.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { html, type SafeHtml } from "../html.ts";

/** Where the page's move forms post. */
export const MOVE_RULE_ACTION = "/admin/effectiveness/weekly";

function moveForm(rule: RuleId, to: "weekly" | "daily", forms: PageForms): SafeHtml {
  return html`<form class="move-rule" method="post" action="${MOVE_RULE_ACTION}">
<input type="hidden" name="${CSRF_FIELD}" value="${forms.csrf}">
<input type="hidden" name="rule" value="${rule}"><input type="hidden" name="to" value="${to}">
<button type="submit">${to === "weekly" ? "Move to weekly" : "Back to daily"}</button></form>`;
}

/** `forms` only for admins: managers see the list without buttons. */
export function weeklySection(
  mode: NoisyRules,
  rows: readonly WeeklyRuleRow[],
  forms: PageForms | null,
): SafeHtml {
  const setting = html`<code>effectiveness.noisyRules: ${mode}</code>`;
  if (rows.length === 0) {
    return html`<h2>Weekly cleanup</h2>
<p class="muted">No rule is weekly (${setting}). Noisy rules get a <em>Move to weekly</em> button here.</p>`;
  }
  return html`<h2>Weekly cleanup</h2>
<p>Weekly rules leave the daily digest the day after they are flagged or moved, and their open
findings are listed once a week, on Monday, under "Weekly cleanup" (${setting}).</p>
<ul class="weekly-rules">${rows.map(
    (row) =>
      html`<li><strong>${ruleName(row.rule)}</strong>: ${weeklyRowText(row)}${
        forms ? moveForm(row.rule, row.weekly ? "daily" : "weekly", forms) : ""
      }</li>`,
  )}</ul>`;
}
