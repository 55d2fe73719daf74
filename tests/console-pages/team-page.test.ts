// The Team page: the Required 7 score by ISO week per rep and per skill, team-only for a manager, and
// still there (saying why names are missing) when the CRM cannot be read.
import { afterEach, describe, expect, it } from "vitest";
import { rep } from "../helpers/builders.ts";
import { type Console, openConsole, TEAM } from "./console-fixture.ts";
import { asPercent, chartData, tableColumns, tableRows, text } from "./read-page.ts";

let open: Console | null = null;
afterEach(async () => {
  await open?.store.close();
  open = null;
});

describe("the Team page", () => {
  it("shows an admin every rep's score by week, by name, with the chart drawn from the table's numbers", async () => {
    open = await openConsole();
    const { title, body } = await open.render("team", "ops@example.com");
    expect(title).toBe("Team");
    expect(tableColumns(body, "scores-by-rep")).toEqual(["Rep", "2026-W09", "2026-W10"]);
    const rows = tableRows(body, "scores-by-rep");
    expect(rows).toEqual([
      ["Everyone", "50%", "38%"], // (3 + 2 + 1) ÷ (4 + 2 + 10) in W10
      ["Ava Okafor", "50%", "75%"],
      ["Cy Vance", "–", "10%"],
      ["Ken Sato", "–", "100%"],
    ]);
    const chart = chartData(body, "chart-team-overall");
    expect(chart.series.map((series) => series.label)).toEqual(rows.map((cells) => cells[0]));
    expect(chart.series.map((series) => series.values.map(asPercent))).toEqual(
      rows.map((cells) => cells.slice(1)),
    );
    expect(tableRows(body, "scores-by-skill").find((cells) => cells[0] === "5. Next steps")).toEqual([
      "5. Next steps",
      "50%",
      "38%",
    ]);
    expect(tableRows(body, "latest-by-skill").find((cells) => cells[0] === "Cy Vance")).toEqual([
      "Cy Vance",
      "–",
      "–",
      "–",
      "–",
      "10%",
      "–",
      "–",
      "10%",
    ]);
  });

  it("shows a manager only the reps who report to them", async () => {
    open = await openConsole();
    const { body } = await open.render("team", "mia@example.com");
    expect(tableRows(body, "scores-by-rep")).toEqual([
      ["Whole team", "50%", "83%"], // (3 + 2) ÷ (4 + 2)
      ["Ava Okafor", "50%", "75%"],
      ["Ken Sato", "–", "100%"],
    ]);
    expect(body).not.toContain("Cy Vance");
    expect(JSON.stringify(chartData(body, "chart-team-overall"))).not.toContain("Cy");
  });

  it("charts the whole and the eight reps scoring lowest when there are more, and lists everyone in the table", async () => {
    const reps = Array.from({ length: 12 }, (_, index) =>
      rep({ email: `r${index}@example.com`, name: `Rep ${String(index).padStart(2, "0")}` }),
    );
    open = await openConsole({
      data: { ...TEAM, reps: [...TEAM.reps, ...reps] },
      fill: (store) =>
        store.history.saveWeeklyScores(
          reps.map((_, index) => ({
            rep: `r${index}@example.com`,
            week: "2026-W10",
            skill: "next-steps",
            applicable: 20,
            clean: 20 - index, // Rep 11 scores lowest
          })),
        ),
    });
    const { body } = await open.render("team", "ops@example.com");
    expect(tableRows(body, "scores-by-rep")).toHaveLength(13);
    const chart = chartData(body, "chart-team-overall");
    expect(chart.series.map((series) => series.label)).toEqual([
      "Everyone",
      ...["04", "05", "06", "07", "08", "09", "10", "11"].map((number) => `Rep ${number}`),
    ]);
    expect(text(body)).toContain("the 8 reps scoring lowest in 2026-W10; every rep is in the table");
  });

  it("still renders when the CRM read fails: an admin sees emails, a manager no one's figures, both see why", async () => {
    open = await openConsole({
      source: {
        name: "broken",
        load: async () => {
          throw new Error("Salesforce answered 503");
        },
      },
    });
    const admin = await open.render("team", "ops@example.com");
    expect(text(admin.body)).toContain("The CRM could not be read just now (Salesforce answered 503)");
    expect(tableRows(admin.body, "scores-by-rep").map((cells) => cells[0])).toEqual([
      "Everyone",
      "ava@example.com",
      "cy@example.com",
      "ken@example.com",
    ]);
    const manager = await open.render("team", "mia@example.com");
    expect(text(manager.body)).toContain(
      "The CRM could not be read just now, so names and team membership are unknown",
    );
    expect(manager.body).not.toContain("503");
    expect(manager.body).not.toContain("ava@example.com");
    expect(manager.body).not.toContain("<table");
  });
});
