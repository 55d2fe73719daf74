// The Team page's stuck findings: open 5 working days or more after their first nudge, worst first,
// at most 10 per rep, the viewer's reps only, names escaped.
import { afterEach, describe, expect, it } from "vitest";
import type { Episode } from "../../src/domain/episodes.ts";
import { opportunity } from "../helpers/builders.ts";
import { type Console, openConsole, TEAM } from "./console-fixture.ts";
import { tableColumns, tableRows } from "./read-page.ts";

let open: Console | null = null;
afterEach(async () => {
  await open?.store.close();
  open = null;
});

const episode = (
  recordId: string,
  owner: string,
  nudgedOn: string | null,
  rule = "source-missing",
): Episode =>
  ({
    rule,
    recordId,
    recordType: "opportunity",
    owner,
    openedAt: "2026-02-16T14:00:00.000Z",
    openedOn: "2026-02-16",
    nudgedOn,
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
  }) as Episode;

const DATA = {
  ...TEAM,
  opportunities: [
    opportunity({ id: "006A", name: "Acme <Renewal> & Co" }),
    opportunity({ id: "006C", name: "Cy's deal", ownerEmail: "cy@example.com" }),
  ],
};

async function fill(store: Console["store"]) {
  await store.history.applyEpisodeChanges({
    opened: [
      episode("006A", "ava@example.com", "2026-02-23"), // 11 working days by Tuesday 10 March
      episode("006A", "ava@example.com", "2026-03-09", "next-step-missing"), // 1: not stuck
      episode("006N", "ava@example.com", null), // never nudged: never stuck
      ...Array.from({ length: 11 }, (_, index) => episode(`006X${index}`, "ava@example.com", "2026-03-02")),
      episode("006C", "cy@example.com", "2026-02-20"),
    ],
    nudged: [],
    resolved: [],
  });
}

describe("the Team page's stuck findings", () => {
  it("lists each rep's worst first, at most 10, says how many more, and escapes names", async () => {
    open = await openConsole({ data: DATA, fill });
    const { body } = await open.render("team", "ops@example.com");
    expect(tableColumns(body, "stuck-findings")).toEqual([
      "Rep",
      "Finding",
      "Record",
      "First nudged",
      "Working days since",
    ]);
    const rows = tableRows(body, "stuck-findings");
    expect(rows[0]).toEqual(["Ava Okafor", "No lead source", "Acme <Renewal> & Co", "2026-02-23", "11"]);
    expect(rows.slice(1, 10).every((cells) => cells[0] === "Ava Okafor" && cells[4] === "6")).toBe(true);
    expect(rows[10]).toEqual(["Ava Okafor", "and 2 more", "", "", ""]);
    expect(rows[11]).toEqual(["Cy Vance", "No lead source", "Cy's deal", "2026-02-20", "12"]);
    expect(rows).toHaveLength(12);
    expect(body).toContain("Acme &lt;Renewal&gt; &amp; Co");
    expect(body).not.toContain("Acme <Renewal>");
  });

  it("shows a manager only their own reps' stuck findings", async () => {
    open = await openConsole({ data: DATA, fill });
    const { body } = await open.render("team", "mia@example.com");
    const reps = new Set(tableRows(body, "stuck-findings").map((cells) => cells[0]));
    expect([...reps]).toEqual(["Ava Okafor"]);
  });
});
