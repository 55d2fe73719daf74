// What a header row that fits no preset is told: the field each renamed column most likely is,
// the `columns:` lines that read it, and a file separated by something other than commas.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fileSchema } from "../../src/config/file-schema.ts";
import { type CsvSettings, DEFAULT_CSV_SETTINGS } from "../../src/sources/csv/csv-settings.ts";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";
import { likelyColumns, yamlValue } from "../../src/sources/csv/header-advice.ts";
import { SALESFORCE_REPORT_HEADERS } from "../../src/sources/csv/report-columns.ts";
import { opportunity, snapshot } from "../helpers/builders.ts";
import { csvFolder } from "../helpers/csv-folder.ts";

const data = snapshot({ opportunities: [opportunity({ id: "o1" }), opportunity({ id: "o2" })] });

/** A native folder with each file's text edited. */
function folderWith(edit: (text: string, file: string) => string): string {
  const folder = csvFolder(data);
  for (const file of ["reps.csv", "accounts.csv", "opportunities.csv"]) {
    const path = join(folder, file);
    writeFileSync(path, edit(readFileSync(path, "utf8"), file));
  }
  return folder;
}

/** The `csv:` block a user writes, read as the configuration file reads it. */
function csvBlock(yaml: string): CsvSettings {
  const parsed = fileSchema.parse(parse(yaml)).csv;
  return { ...DEFAULT_CSV_SETTINGS, ...parsed, columns: parsed.columns as Record<string, string> };
}

/** The `csv:` block at the end of an error message. */
const advice = (message: string) => message.slice(message.indexOf("\ncsv:") + 1);

describe("a renamed native header", () => {
  it("advises the field the column is, and the columns: line it says works", async () => {
    const folder = folderWith((text, file) =>
      file === "opportunities.csv" ? text.replace(",ownerEmail,", ",owner_email,") : text,
    );
    const error = await new CsvSource(folder).load().catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    const { message } = error as Error;
    expect(message).toContain(
      'Closest preset: native; it also needs "Owner Email" (ownerEmail) (your column "owner_email" looks like ownerEmail).',
    );
    expect(advice(message)).toBe("csv:\n  columns:\n    ownerEmail: owner_email");

    const { snapshot: loaded, issues } = await new CsvSource(
      folder,
      undefined,
      csvBlock(advice(message)),
    ).load();
    expect(issues).toEqual([]);
    expect(loaded.opportunities.map((opp) => [opp.id, opp.ownerEmail])).toEqual([
      ["o1", "ava@example.com"],
      ["o2", "ava@example.com"],
    ]);
  });

  it("prefers the same letters to a near spelling, and quotes a header YAML would misread", () => {
    const labels = (field: keyof typeof SALESFORCE_REPORT_HEADERS) => SALESFORCE_REPORT_HEADERS[field];
    const header = ["Owner-Nme", "OWNER NAME", "opportunity_id", "Clse Date", "Stage"];
    expect(
      Object.fromEntries(likelyColumns(["id", "closeDate", "ownerName"], header, new Set([4]), labels)),
    ).toEqual({ id: "opportunity_id", closeDate: "Clse Date", ownerName: "OWNER NAME" });
    expect(["Deal Ref", "Amount: USD", "true", "2026", "Owner (email)"].map(yamlValue)).toEqual([
      "Deal Ref",
      '"Amount: USD"',
      '"true"',
      '"2026"',
      "Owner (email)",
    ]);
  });
});

describe("a file separated by semicolons or tabs", () => {
  const semicolons = folderWith((text) => text.replaceAll(",", ";"));

  it("says so, with the setting that reads it", async () => {
    await expect(new CsvSource(semicolons).load()).rejects.toThrow(
      /^reps\.csv looks semicolon-separated: its header row has 7 columns between semicolons and 1 between commas\. [\s\S]*\ncsv:\n {2}delimiter: ";"\n/,
    );
    const opportunitiesOnly = csvFolder(data, {
      "opportunities.csv": readFileSync(join(semicolons, "opportunities.csv"), "utf8"),
    });
    await expect(new CsvSource(opportunitiesOnly).load()).rejects.toThrow(
      /^opportunities\.csv looks semicolon-separated: its header row has 27 columns between semicolons/,
    );
    const tabs = folderWith((text) => text.replaceAll(",", "\t"));
    await expect(new CsvSource(tabs).load()).rejects.toThrow(
      /^reps\.csv looks tab-separated: [\s\S]*delimiter: "\\t"/,
    );
  });

  it("is read when the configuration names its delimiter", async () => {
    const { snapshot: loaded, issues } = await new CsvSource(
      semicolons,
      undefined,
      csvBlock('csv:\n  delimiter: ";"\n'),
    ).load();
    expect(issues).toEqual([]);
    expect(loaded).toEqual(data);
    const tabs = folderWith((text) => text.replaceAll(",", "\t"));
    const fromTabs = await new CsvSource(tabs, undefined, csvBlock('csv:\n  delimiter: "\\t"\n')).load();
    expect(fromTabs.snapshot).toEqual(data);
  });
});
