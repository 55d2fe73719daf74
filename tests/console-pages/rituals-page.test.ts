// The Rituals page: Give Back adoption by month against the 70% goal, and each trip's planned cost,
// the pipeline it had to create and the pipeline its notes report; a manager sees their team's.
import { afterEach, describe, expect, it } from "vitest";
import { type Console, openConsole } from "./console-fixture.ts";
import { asPercent, chartData, tableColumns, tableRows, text } from "./read-page.ts";

let open: Console | null = null;
afterEach(async () => {
  await open?.store.close();
  open = null;
});

describe("the Rituals page", () => {
  it("shows an admin adoption by month against the goal, from before the project existed to now", async () => {
    open = await openConsole();
    const { title, body } = await open.render("rituals", "ops@example.com");
    expect(title).toBe("Rituals");
    expect(tableColumns(body, "adoption")).toEqual([
      "Project",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    // The team is Mia, Ava, Ken and Cy (the admin is not counted); three said yes in February.
    expect(tableRows(body, "adoption")).toEqual([
      ["Any project", "–", "–", "–", "0% (0 of 4)", "✓ 75% (3 of 4)", "25% (1 of 4)"],
      [
        "Discovery call playbook by Ava Okafor, completed",
        "–",
        "–",
        "–",
        "0% (0 of 4)",
        "✓ 75% (3 of 4)",
        "25% (1 of 4)",
      ],
    ]);
    expect(body).toContain('<span class="meets-goal">');
    const chart = chartData(body, "chart-adoption");
    expect(chart.series.map((series) => series.label)).toEqual([
      "Any project",
      "Discovery call playbook",
      "Goal (70%)",
    ]);
    expect(chart.series[0]?.values.map(asPercent)).toEqual(["–", "–", "–", "0%", "75%", "25%"]);
    expect(chart.series[2]?.values).toEqual([0.7, 0.7, 0.7, 0.7, 0.7, 0.7]);
  });

  it("shows each trip's cost, the pipeline needed (cost × 5 ÷ 0.30) and the pipeline created", async () => {
    open = await openConsole();
    const { body } = await open.render("rituals", "ops@example.com");
    expect(tableRows(body, "trips")).toEqual([
      ["KubeCon", "Cy Vance", "2026-03-20", "planned, no notes yet", "$2,800", "$46,667", "–"],
      ["Commit Berlin", "Ava Okafor", "2026-02-16", "notes in", "$1,800", "$30,000", "$45,000"],
    ]);
    const chart = chartData(body, "chart-trips");
    expect(chart.labels).toEqual(["Commit Berlin (2026-02-16)", "KubeCon (2026-03-20)"]);
    expect(chart.series.map((series) => [series.label, series.values[0]])).toEqual([
      ["Planned cost", 1800],
      ["Pipeline needed", 30000],
      ["Pipeline created", 45000],
    ]);
    expect(body).toMatch(/<tr class="met"><th scope="row">Commit Berlin/);
  });

  it("shows a manager their team's adoption and trips only", async () => {
    open = await openConsole();
    const { body } = await open.render("rituals", "mia@example.com");
    // Mia's team is Mia, Ava and Ken: Cy's yes does not count, and two of three is under the goal.
    expect(tableRows(body, "adoption")[0]).toEqual([
      "Any project",
      "–",
      "–",
      "–",
      "0% (0 of 3)",
      "67% (2 of 3)",
      "33% (1 of 3)",
    ]);
    expect(tableRows(body, "trips").map((cells) => cells[0])).toEqual(["Commit Berlin"]);
    expect(body).not.toContain("KubeCon");
    expect(text(body)).toContain("for the team of Mia Manager");
  });

  it("says so when no project is completed and no trip is planned yet", async () => {
    open = await openConsole({ fill: async () => {} });
    const { body } = await open.render("rituals", "ops@example.com");
    expect(text(body)).toContain("No Give Back project is completed yet");
    expect(text(body)).toContain("No trip planned or noted yet");
    expect(body).not.toContain("<canvas");
  });
});
