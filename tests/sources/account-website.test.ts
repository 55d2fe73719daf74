import { describe, expect, it } from "vitest";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";
import { account, opportunity, rep, snapshot } from "../helpers/builders.ts";
import { csvFolder } from "../helpers/csv-folder.ts";

const data = snapshot({
  reps: [rep()],
  accounts: [
    account({ id: "001A", website: "https://www.northwind.example/en/" }),
    account({ id: "001B", name: "Bluepeak" }),
  ],
  opportunities: [opportunity({ id: "o1", accountId: "001A" })],
});

describe("account websites from CSV", () => {
  it("reads accounts.csv's website column, and an account without one has none", async () => {
    const { snapshot: loaded, issues } = await new CsvSource(csvFolder(data)).load();
    expect(issues).toEqual([]);
    expect(loaded.accounts.map((a) => [a.id, a.website ?? null])).toEqual([
      ["001A", "https://www.northwind.example/en/"],
      ["001B", null],
    ]);
  });

  it("reads an accounts.csv written before the column existed", async () => {
    const old =
      "id,name,ownerEmail,segment,employees,tier,potentialUsers,tierNotes\n" +
      "001A,Northwind Logistics,ava@example.com,SMB,50,2,,Growing team\n";
    const { snapshot: loaded, issues } = await new CsvSource(csvFolder(data, { "accounts.csv": old })).load();
    expect(issues).toEqual([]);
    expect(loaded.accounts).toEqual([account({ id: "001A" })]);
  });

  it("takes a Salesforce report's Website column as the account's website", async () => {
    const report =
      "Opportunity ID,Opportunity Name,Account ID,Account Name,Owner Email,Stage,Close Date,Amount,Website\n" +
      "006A,Northwind - New,001A,Northwind Logistics,ava@example.com,Discovery,2026-04-30,1000,northwind.example\n";
    const folder = csvFolder(data, { "opportunities.csv": report });
    const { rmSync } = await import("node:fs");
    rmSync(`${folder}/accounts.csv`);
    const { snapshot: loaded } = await new CsvSource(folder).load();
    expect(loaded.accounts.map((a) => [a.id, a.name, a.website])).toEqual([
      ["001A", "Northwind Logistics", "northwind.example"],
    ]);
  });
});
