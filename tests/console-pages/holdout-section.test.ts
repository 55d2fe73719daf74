// The Effectiveness page's proof by holdout: uplift per rule with its interval, charted from the
// same numbers as its table; rules named in words; "not enough data yet" where arms are short.
import { afterEach, describe, expect, it } from "vitest";
import { holdoutVerdict } from "../../src/domain/holdout.ts";
import { holdoutSection } from "../../src/web/pages/holdout-section.ts";
import { type Console, openConsole } from "./console-fixture.ts";
import { chartData, tableRows, text } from "./read-page.ts";

let open: Console | null = null;
afterEach(async () => {
  await open?.store.close();
  open = null;
});

describe("the holdout on the Effectiveness page", () => {
  it("charts each measured rule's uplift on its interval, with the same numbers in the table", () => {
    const works = holdoutVerdict({ n: 40, fixed: 30 }, { n: 40, fixed: 10 });
    const flat = holdoutVerdict({ n: 40, fixed: 20 }, { n: 40, fixed: 19 });
    const short = holdoutVerdict({ n: 50, fixed: 20 }, { n: 12, fixed: 3 });
    const body = holdoutSection({
      percent: 30,
      workingDays: 3,
      verdicts: new Map([
        ["source-missing", works],
        ["activity-missing", flat],
        ["deck-missing", short],
      ]),
    }).toString();
    const rows = tableRows(body, "holdout");
    expect(rows[0]?.[0]).toBe("No lead source");
    expect(rows[0]?.slice(1, 3)).toEqual(["30 of 40 (75%)", "10 of 40 (25%)"]);
    expect(rows[0]?.[5]).toBe("proven");
    expect(rows[1]?.[5]).toBe("no effect shown");
    expect(rows[2]).toEqual([
      "No custom deck",
      "20 of 50 (40%)",
      "3 of 12 (25%)",
      "–",
      "–",
      "not enough data yet (12 held out, 30 needed)",
    ]);
    const chart = chartData(body, "chart-holdout");
    expect(chart.kind).toBe("interval");
    expect(chart.labels).toEqual(["No lead source", "No recent activity"]);
    const [proven, notProven, uplift] = chart.series;
    expect(chart.series.map((series) => series.label)).toEqual([
      "95% interval, proven (all above 0)",
      "95% interval, no effect shown (not all above 0)",
      "Uplift",
    ]);
    for (const [index, verdict] of [works, flat].entries()) {
      if (verdict.status !== "measured") throw new Error("expected a measured verdict");
      expect(uplift?.values[index]).toBe(verdict.result.uplift);
      const [drawn, empty] = verdict.result.proven ? [proven, notProven] : [notProven, proven];
      expect(drawn?.ranges?.[index]).toEqual([verdict.result.ciLow, verdict.result.ciHigh]);
      expect(empty?.ranges?.[index]).toBeNull();
      expect(rows[index]?.[4]).toContain(verdict.result.ciLow.toFixed(1));
    }
  });

  it("says the holdout is off, and how to turn it on, when it is", async () => {
    open = await openConsole();
    const { body } = await open.render("effectiveness", "ops@example.com");
    expect(text(body)).toContain("Proof by holdout Off. Set effectiveness.holdoutPercent");
  });
});
