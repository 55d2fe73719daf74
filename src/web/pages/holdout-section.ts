// The Effectiveness page's proof by holdout: per rule, the uplift of nudging over leaving findings
// alone, with its 95% interval, as a chart and a table that carries the same numbers.
import { ruleName } from "../../domain/rule-names.ts";
import type { HoldoutReport } from "../../services/effectiveness-report.ts";
import { holdoutStatus } from "../../views/holdout-table.ts";
import { html, type SafeHtml } from "../html.ts";
import { chart, table } from "./markup.ts";

const signed = (points: number): string => `${points > 0 ? "+" : ""}${points.toFixed(1)}`;
const arm = ({ n, fixed }: { n: number; fixed: number }): string =>
  n === 0 ? "none yet" : `${fixed} of ${n} (${Math.round((fixed / n) * 100)}%)`;

export function holdoutSection(holdout: HoldoutReport | null | undefined): SafeHtml {
  if (!holdout) {
    return html`<h2>Proof by holdout</h2>
<p class="muted">Off. Set <code>effectiveness.holdoutPercent</code> (up to 50) to hold a share of new
findings out of digests for their first working days, and see whether nudging fixes more of them.</p>`;
  }
  const rows = [...holdout.verdicts].map(([rule, verdict]) => ({
    rule,
    verdict,
    result: verdict.status === "measured" ? verdict.result : null,
  }));
  const measured = rows.filter((row) => row.result !== null);
  const days = holdout.workingDays;
  return html`<h2>Proof by holdout</h2>
<p>${holdout.percent}% of new findings are held out of digests for their first ${days} working days.
Per rule: the share fixed within ${days} working days of being first seen, nudged against held out,
and the difference (uplift, in percentage points) with its 95% interval. A rule is <strong>proven</strong>
when the whole interval is above 0; each arm needs 30 findings first.</p>
${
  measured.length > 0
    ? chart("chart-holdout", "Uplift of nudging per rule, in percentage points, with its 95% interval", {
        kind: "interval",
        labels: measured.map((row) => ruleName(row.rule)),
        unit: "points",
        // Proven and not proven in two colours, each named in the legend; the uplift on top.
        series: [
          {
            label: "95% interval, proven (all above 0)",
            values: measured.map(() => null),
            ranges: measured.map((row) =>
              row.result?.proven ? [row.result.ciLow, row.result.ciHigh] : null,
            ),
          },
          {
            label: "95% interval, no effect shown (not all above 0)",
            values: measured.map(() => null),
            ranges: measured.map((row) =>
              row.result && !row.result.proven ? [row.result.ciLow, row.result.ciHigh] : null,
            ),
          },
          { label: "Uplift", values: measured.map((row) => row.result?.uplift ?? null) },
        ],
      })
    : ""
}
${table(
  `Fixed within ${days} working days of first seen: nudged against held out`,
  ["Rule", "Nudged, fixed", "Held out, fixed", "Uplift (points)", "95% interval", "Verdict"],
  rows.map(({ rule, verdict, result }) => ({
    head: ruleName(rule),
    cells: [
      arm(result?.nudged ?? (verdict.status === "not-enough-data" ? verdict.nudged : { n: 0, fixed: 0 })),
      arm(result?.held ?? (verdict.status === "not-enough-data" ? verdict.held : { n: 0, fixed: 0 })),
      result ? signed(result.uplift) : "–",
      result ? `${signed(result.ciLow)} to ${signed(result.ciHigh)}` : "–",
      result?.proven ? html`<strong>${holdoutStatus(verdict)}</strong>` : holdoutStatus(verdict),
    ],
  })),
  "holdout",
)}`;
}
