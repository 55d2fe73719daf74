// The Delivery page: messages sent per local day and kind, the outbox now, recent failures (admins
// only) and which rules run on the data source's fields.
import { afterEach, describe, expect, it } from "vitest";
import { RULE_NEEDS } from "../../src/domain/availability.ts";
import { type Console, openConsole, TEAM } from "./console-fixture.ts";
import { chartData, tableColumns, tableRows, text } from "./read-page.ts";

let open: Console | null = null;
afterEach(async () => {
  await open?.store.close();
  open = null;
});

describe("the Delivery page", () => {
  it("shows an admin the messages sent each day by kind, with the chart's bars equal to the table", async () => {
    open = await openConsole();
    const { title, body } = await open.render("delivery", "ops@example.com");
    expect(title).toBe("Delivery");
    expect(tableColumns(body, "sent-per-day")).toEqual(["Day", "digest", "manager-digest", "Total"]);
    const rows = tableRows(body, "sent-per-day");
    expect(rows).toHaveLength(30);
    expect(rows.at(-2)).toEqual(["2026-03-09", "2", "1", "3"]);
    expect(rows.at(-1)).toEqual(["2026-03-10", "1", "0", "1"]);
    expect(rows[0]).toEqual(["2026-02-09", "0", "0", "0"]);
    const chart = chartData(body, "chart-sent");
    expect(chart.labels).toEqual(rows.map((cells) => cells[0]));
    for (const [index, series] of chart.series.entries()) {
      expect(series.values.map(String)).toEqual(rows.map((cells) => cells[index + 1]));
    }
  });

  it("shows the outbox now and the latest failures with their error", async () => {
    open = await openConsole();
    const { body } = await open.render("delivery", "ops@example.com");
    expect(tableRows(body, "outbox")).toEqual([
      ["Queued, waiting to be sent", "0"],
      ["of which an earlier attempt may have reached Slack (checked before resending)", "0"],
      ["Failed for good (Slack refused them)", "1"],
      ["Oldest queued message waiting for", "nothing is waiting"],
    ]);
    expect(tableRows(body, "failures")).toEqual([
      [
        "digest:cy@example.com:2026-03-10",
        "digest",
        "failed for good",
        "1",
        "channel_not_found",
        "2026-03-10 15:00",
      ],
    ]);
  });

  it("shows a manager the bot-wide counts but not the failures, and says why", async () => {
    open = await openConsole();
    const { body } = await open.render("delivery", "mia@example.com");
    expect(tableRows(body, "sent-per-day").at(-2)).toEqual(["2026-03-09", "2", "1", "3"]);
    expect(text(body)).toContain("These figures are the whole bot's, not only your team's");
    expect(text(body)).toContain("the list of failed messages is for admins");
    expect(body).not.toContain('id="failures"');
    expect(body).not.toContain("cy@example.com");
  });

  it("lists which rules run, and for one that cannot, what turns it on", async () => {
    const fields = new Set(
      Object.values(RULE_NEEDS).flatMap((needs) => [...needs.all, ...(needs.anyOf ?? [])]),
    );
    fields.delete("opportunity.deckUrl");
    open = await openConsole({
      source: {
        name: "csv",
        load: async () => ({
          snapshot: structuredClone(TEAM),
          issues: [],
          available: { fields, hint: (field) => `add a column for ${field}` },
        }),
      },
    });
    const { body } = await open.render("delivery", "ops@example.com");
    const rows = tableRows(body, "rules-on-off");
    expect(rows).toHaveLength(14);
    expect(rows.find((cells) => cells[0] === "No custom deck")).toEqual([
      "No custom deck",
      "off",
      "no field for opportunity.deckUrl: add a column for opportunity.deckUrl",
    ]);
    expect(rows.filter((cells) => cells[1] === "on")).toHaveLength(13);
    expect(text(body)).toContain("13 of 14 rules run on this data source");
  });

  it("says so when nothing was sent yet", async () => {
    open = await openConsole({ fill: async () => {} });
    const { body } = await open.render("delivery", "ops@example.com");
    expect(text(body)).toContain("Nothing was sent in the last 30 days.");
    expect(text(body)).toContain("No message failed or is waiting to be retried.");
  });
});
