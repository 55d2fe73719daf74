import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";
import { formatIssue } from "../../src/sources/source.ts";
import { account, opportunity, rep, snapshot } from "../helpers/builders.ts";
import { csvFolder } from "../helpers/csv-folder.ts";

const data = snapshot({
  reps: [rep()],
  accounts: [account()],
  opportunities: [opportunity({ id: "o1" }), opportunity({ id: "o2" }), opportunity({ id: "o3" })],
});

function replaceLine(folder: string, file: string, lineNumber: number, edit: (line: string) => string) {
  const path = join(folder, file);
  const lines = readFileSync(path, "utf8").split("\n");
  lines[lineNumber - 1] = edit(lines[lineNumber - 1] ?? "");
  writeFileSync(path, lines.join("\n"));
}

describe("the CSV source", () => {
  it("reads back exactly what was written", async () => {
    const { snapshot: loaded, issues } = await new CsvSource(csvFolder(data)).load();
    expect(issues).toEqual([]);
    expect(loaded).toEqual(data);
  });

  it("skips a row with a bad value, naming file, line and field, and keeps the rest", async () => {
    const folder = csvFolder(data);
    replaceLine(folder, "opportunities.csv", 3, (line) => line.replace(",4000,4000,", ',"$4,000",4000,'));
    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    expect(loaded.opportunities.map((opp) => opp.id)).toEqual(["o1", "o3"]);
    expect(issues).toEqual([
      {
        severity: "skipped",
        file: "opportunities.csv",
        line: 3,
        field: "amount",
        message: 'expected a plain number such as 12500, got "$4,000"',
      },
    ]);
    expect(formatIssue(issues[0] as never)).toBe(
      'opportunities.csv, line 3, amount: expected a plain number such as 12500, got "$4,000" (row skipped)',
    );
  });

  it("reads the optional reps.csv columns country and workingDays, and reports bad ones", async () => {
    const folder = csvFolder(data, {
      "reps.csv":
        "email,name,segment,timezone,managerEmail,role,startDate,country,workingDays\n" +
        "ava@example.com,Ava,SMB,America/New_York,,ae,,us-ca,Mon-Thu\n" +
        "bo@example.com,Bo,MM,Europe/London,,ae,,GB,\n" +
        "cy@example.com,Cy,MM,Europe/London,,ae,,Narnia,Mon-Fun\n",
    });
    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    const byEmail = new Map(loaded.reps.map((rep) => [rep.email, rep]));
    expect(byEmail.get("ava@example.com")).toMatchObject({
      country: "US-CA",
      workingDays: [1, 2, 3, 4],
    });
    expect(byEmail.get("bo@example.com")?.country).toBe("GB");
    expect(byEmail.get("bo@example.com")?.workingDays).toBeUndefined();
    expect(issues.map((issue) => `${issue.file}:${issue.line}:${issue.field}`)).toEqual([
      "reps.csv:4:country",
      "reps.csv:4:workingDays",
    ]);
  });

  it("skips an amount too large to be real instead of reading it as Infinity", async () => {
    const folder = csvFolder(data);
    const huge = "9".repeat(400);
    replaceLine(folder, "opportunities.csv", 2, (line) => line.replace(",4000,4000,", `,${huge},4000,`));
    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    expect(loaded.opportunities.map((opp) => opp.id)).toEqual(["o2", "o3"]);
    expect(issues).toMatchObject([{ severity: "skipped", line: 2, field: "amount" }]);
    expect(loaded.opportunities.every((opp) => Number.isFinite(opp.amount))).toBe(true);
  });

  it("reports bad dates, booleans, enums, timezones and empty required cells", async () => {
    const folder = csvFolder(data, {
      "reps.csv":
        "email,name,segment,timezone,managerEmail,role,startDate\n" +
        "ava@example.com,Ava,SMB,America/New_York,,ae,\n" +
        "bo@example.com,Bo,Enterprise,Mars/Olympus,,boss,03/10/2026\n",
    });
    replaceLine(folder, "opportunities.csv", 2, (line) => line.replace(",false,false,", ",no,false,"));
    replaceLine(folder, "opportunities.csv", 4, (line) => line.replace("2026-04-30", "2026-02-30"));
    const { issues } = await new CsvSource(folder).load();
    expect(issues.map((issue) => `${issue.file}:${issue.line}:${issue.field}`)).toEqual([
      "reps.csv:3:segment",
      "reps.csv:3:timezone",
      "reps.csv:3:role",
      "reps.csv:3:startDate",
      "opportunities.csv:2:isClosed",
      "opportunities.csv:4:closeDate",
    ]);
  });

  it("skips a row with the wrong number of fields", async () => {
    const folder = csvFolder(data);
    replaceLine(folder, "opportunities.csv", 2, (line) => line.split(",").slice(0, 10).join(","));
    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    expect(loaded.opportunities).toHaveLength(2);
    expect(issues[0]).toMatchObject({ line: 2, message: "expected 27 fields, found 10" });
  });

  it("keeps reading after a broken quote", async () => {
    const folder = csvFolder(data);
    replaceLine(folder, "opportunities.csv", 2, (line) =>
      line.replace("Free trial", 'Free "trial" at the booth"'),
    );
    const { snapshot: loaded } = await new CsvSource(folder).load();
    expect(loaded.opportunities.map((opp) => opp.id)).toEqual(["o1", "o2", "o3"]);
  });

  it("says where a quoted value that never closes begins, and keeps the rows before and after it", async () => {
    const folder = csvFolder(data);
    replaceLine(folder, "opportunities.csv", 3, (line) => line.replace("Free trial", '"Free trial'));
    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    expect(loaded.opportunities.map((opp) => opp.id)).toEqual(["o1", "o3"]);
    expect(issues.map(formatIssue)).toEqual([
      "opportunities.csv, line 3: a quoted value opened on this line is never closed; reading goes on at the next line (row skipped)",
    ]);
  });

  it("skips a duplicate id and warns about an unknown account or owner", async () => {
    const folder = csvFolder(
      snapshot({
        reps: [rep()],
        accounts: [account()],
        opportunities: [
          opportunity({ id: "o1" }),
          opportunity({ id: "o1" }),
          opportunity({ id: "o2", accountId: "nope", ownerEmail: "gone@example.com" }),
        ],
      }),
    );
    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    expect(loaded.opportunities.map((opp) => opp.id)).toEqual(["o1", "o2"]);
    expect(issues.map(formatIssue)).toEqual([
      'opportunities.csv, line 3, id: duplicate id "o1" (first on line 2) (row skipped)',
      'opportunities.csv, line 4, accountId: account "nope" is not in accounts.csv; the owner\'s segment is used',
      "opportunities.csv, line 4, ownerEmail: owner gone@example.com is not in reps.csv; their records are checked in the default timezone",
    ]);
  });

  it("refuses a file that lacks a column, naming it", async () => {
    const folder = csvFolder(data, {
      "accounts.csv": "id,name,ownerEmail\n001A,Northwind,ava@example.com\n",
    });
    await expect(new CsvSource(folder).load()).rejects.toThrow(
      /accounts\.csv has no column segment, employees, tier, potentialUsers, tierNotes/,
    );
  });

  it("says which file is missing", async () => {
    await expect(new CsvSource("/nonexistent/folder").load()).rejects.toThrow(
      /Cannot read .*reps\.csv: ENOENT/,
    );
  });
});
