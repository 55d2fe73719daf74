// The holdout's verdict per rule as plain text: the CLI report prints it, /nudge stats shows it in
// a code block. Rules named in words; uplift in percentage points with its 95% interval.
import type { HoldoutVerdict } from "../domain/holdout.ts";
import { ruleName } from "../domain/rule-names.ts";
import type { HoldoutReport } from "../services/effectiveness-report.ts";

const signed = (points: number): string => `${points > 0 ? "+" : ""}${points.toFixed(1)}`;
const rate = (arm: { n: number; fixed: number }): string =>
  arm.n === 0 ? `0/0` : `${arm.fixed}/${arm.n} (${Math.round((arm.fixed / arm.n) * 100)}%)`;

/** What the holdout shows for one rule, in words: "proven", "no effect shown", or data still short. */
export function holdoutStatus(verdict: HoldoutVerdict): string {
  if (verdict.status === "not-enough-data") return verdict.text;
  return verdict.result.proven ? "proven" : "no effect shown";
}

export function holdoutTable(holdout: HoldoutReport): string {
  const { verdicts } = holdout;
  const header = ["rule", "nudged fixed", "held out fixed", "uplift (pts)", "95% interval", ""];
  const rows = [...verdicts].map(([rule, verdict]) => {
    const result = verdict.status === "measured" ? verdict.result : null;
    return [
      ruleName(rule),
      rate(verdict.status === "measured" ? verdict.result.nudged : verdict.nudged),
      rate(verdict.status === "measured" ? verdict.result.held : verdict.held),
      result ? signed(result.uplift) : "–",
      result ? `${signed(result.ciLow)} to ${signed(result.ciHigh)}` : "–",
      holdoutStatus(verdict),
    ];
  });
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const title =
    `Holdout: ${holdout.percent}% of new findings held out of digests for ${holdout.workingDays} ` +
    `working days; fixed within ${holdout.workingDays} working days of first seen, nudged vs held out.`;
  return [title, line(header), ...rows.map(line)].join("\n");
}

/** One sentence per rule the holdout proves: "No lead source: nudges fix 43.4 points more (…)". */
export function provenLines(holdout: HoldoutReport): string[] {
  const lines: string[] = [];
  for (const [rule, verdict] of holdout.verdicts) {
    if (verdict.status !== "measured" || !verdict.result.proven) continue;
    const { uplift, ciLow, ciHigh } = verdict.result;
    lines.push(
      `${ruleName(rule)}: proven, nudges fix ${uplift.toFixed(1)} points more than leaving it alone (95% interval ${signed(ciLow)} to ${signed(ciHigh)}).`,
    );
  }
  return lines;
}
