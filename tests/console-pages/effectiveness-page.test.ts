// The Effectiveness page as an admin and a manager see it: per-rule figures, noisy rules marked with
// what to do, fix rate by week as a chart whose data matches its table, and the period links.
import { afterEach, describe, expect, it } from "vitest";
import { type Console, openConsole } from "./console-fixture.ts";
import { asPercent, chartData, tableColumns, tableRows, text } from "./read-page.ts";

let open: Console | null = null;
afterEach(async () => {
  await open?.store.close();
  open = null;
});

const row = (rows: string[][], rule: string) => rows.find((cells) => cells[0]?.startsWith(rule));

describe("the Effectiveness page", () => {
  it("shows an admin every rule's figures, with the noisy rule marked and the suggestion", async () => {
    open = await openConsole();
    const { title, body } = await open.render("effectiveness", "ops@example.com");
    expect(title).toBe("Effectiveness");
    const rows = tableRows(body, "rules");
    expect(rows).toHaveLength(14);
    // rule, opened, nudged, fixed within 3, fix rate, median, still open, snoozed
    expect(row(rows, "No recent activity")).toEqual([
      "No recent activity Noisy",
      "24",
      "24",
      "6",
      "25%",
      "1",
      "18",
      "0%",
    ]);
    expect(row(rows, "No lead source")).toEqual(["No lead source", "6", "6", "4", "67%", "1", "2", "0%"]);
    expect(body).toMatch(
      /<tr class="noisy"><th scope="row">No recent activity <strong class="noisy-mark">Noisy<\/strong>/,
    );
    expect(body).not.toMatch(/<tr class="noisy"><th scope="row">No lead source/);
    expect(text(body)).toContain(
      "No recent activity is noisy: 24 nudged, 25% fixed within 3 working days. Raise its threshold, turn it off",
    );
    // The third way out: list it once a week instead of daily.
    expect(text(body)).toContain(
      'or move it to the weekly cleanup (effectiveness.noisyRules: weekly, or "Move to weekly" in App Home or on the console).',
    );
    expect(text(body)).toContain("for everyone, from 2026-02-11");
    // Rules are named in words; an id appears only in the config advice.
    expect(text(body).replaceAll("add activity-missing to rules.disabled", "")).not.toMatch(
      /\b(activity|source|deck)-missing\b/,
    );
  });

  it("draws fix rate by week per rule from the same numbers as its table", async () => {
    open = await openConsole();
    const { body } = await open.render("effectiveness", "ops@example.com");
    const chart = chartData(body, "chart-fix-rate");
    expect(chart.labels).toEqual(["2026-W09", "2026-W10"]);
    expect(chart.series.map((series) => series.label)).toEqual(["No lead source", "No recent activity"]);
    // The legend names every series, in the chart's order (a phone has no room to drop any).
    const legend =
      /<ul class="chart-legend" data-legend="chart-fix-rate">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? "";
    expect([...legend.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((item) => text(item[1] ?? ""))).toEqual([
      "No lead source",
      "No recent activity",
    ]);
    const rows = tableRows(body, "fix-rate-by-week");
    expect(tableColumns(body, "fix-rate-by-week")).toEqual(["Rule", "2026-W09", "2026-W10"]);
    expect(rows).toEqual([
      ["No lead source", "75% (3 of 4)", "50% (1 of 2)"],
      ["No recent activity", "–", "25% (6 of 24)"],
    ]);
    for (const [index, series] of chart.series.entries()) {
      expect(series.values.map(asPercent)).toEqual(rows[index]?.slice(1).map((cell) => cell.split(" ")[0]));
    }
  });

  it("shows a manager only their team: Cy's noisy rule is not theirs", async () => {
    open = await openConsole();
    const { body } = await open.render("effectiveness", "mia@example.com");
    const rows = tableRows(body, "rules");
    expect(row(rows, "No recent activity")).toEqual([
      "No recent activity",
      "0",
      "0",
      "0",
      "–",
      "–",
      "0",
      "–",
    ]);
    expect(row(rows, "No lead source")).toEqual(["No lead source", "6", "6", "4", "67%", "1", "2", "0%"]);
    expect(body).not.toContain("noisy-mark");
    expect(text(body)).toContain("No rule is noisy in this period.");
    expect(text(body)).toContain("for the team of Mia Manager");
    expect(chartData(body, "chart-fix-rate").series.map((series) => series.label)).toEqual([
      "No lead source",
    ]);
  });

  it("offers 28, 56 and 90 days, and falls back to 28 with a note on anything else", async () => {
    open = await openConsole();
    const longer = await open.render("effectiveness", "ops@example.com", "days=90");
    expect(longer.body).toContain('<a href="?days=90" aria-current="true">90 days</a>');
    expect(text(longer.body)).toContain("from 2025-12-11");
    const bad = await open.render("effectiveness", "ops@example.com", "days=7%3Cb%3E");
    expect(text(bad.body)).toContain(
      '"7<b>" is not a period this page offers (28, 56, 90 days): showing the last 28 days.',
    );
    expect(bad.body).not.toContain("7<b>");
    expect(bad.body).toContain('<a href="?days=28" aria-current="true">28 days</a>');
    expect(tableRows(bad.body, "rules")).toHaveLength(14);
  });

  it("says plainly when there is no history yet", async () => {
    open = await openConsole({ fill: async () => {} });
    const { body } = await open.render("effectiveness", "ops@example.com");
    expect(text(body)).toContain("No history yet for this period");
    expect(body).not.toContain("<table");
    expect(body).not.toContain("<canvas");
  });
});
