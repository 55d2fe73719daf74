// Files whose records are far longer than one read: a cell or a record as long as the file, a
// quote never closed. Each is parsed a bounded number of times, with every row around it and its
// line numbers.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";
import { type CsvRecord, streamCsvRecords } from "../../src/sources/csv/stream-csv-records.ts";
import { formatIssue } from "../../src/sources/source.ts";
import { opportunity, rep, snapshot } from "../helpers/builders.ts";
import { csvFolder } from "../helpers/csv-folder.ts";

/** Characters papaparse was given to parse: a file read once costs about its own length. */
const parsed = vi.hoisted(() => ({ characters: 0 }));

vi.mock("papaparse", async (importOriginal) => {
  const Papa = ((await importOriginal()) as { default: Record<string, unknown> }).default;
  type Handle = { parse(input: string, ...rest: unknown[]): unknown };
  const Original = Papa.ParserHandle as new (config: unknown) => Handle;
  function Counting(config: unknown): Handle {
    const handle = new Original(config);
    const parse = handle.parse.bind(handle);
    handle.parse = (input, ...rest) => {
      parsed.characters += input.length;
      return parse(input, ...rest);
    };
    return handle;
  }
  return { default: { ...Papa, ParserHandle: Counting } };
});

beforeEach(() => {
  parsed.characters = 0;
});

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-long-csv-")), "data.csv");
  writeFileSync(path, content);
  return path;
}

async function records(path: string): Promise<CsvRecord[]> {
  const found: CsvRecord[] = [];
  await streamCsvRecords(path, (record) => {
    // Only the length of a long field: the comparison below stays readable.
    found.push({
      ...record,
      fields: record.fields.map((field) => (field.length > 100 ? `<${field.length}>` : field)),
    });
    return true;
  });
  return found;
}

const MIB = 1024 * 1024;

describe("a record longer than many reads", () => {
  it("reads a 4 MiB quoted cell with line breaks a few times at most, and counts the lines after it", async () => {
    const cell = "a line of a very long note\n".repeat((4 * MIB) / 27);
    const content = `name,notes\nfirst,short\nlong,"${cell}"\nafter,short\n`;
    expect(await records(file(content))).toEqual([
      { line: 1, fields: ["name", "notes"] },
      { line: 2, fields: ["first", "short"] },
      { line: 3, fields: ["long", `<${cell.length}>`] },
      { line: 4 + cell.split("\n").length - 1, fields: ["after", "short"] },
    ]);
    expect(parsed.characters).toBeLessThan(content.length * 4);
  });

  it("reads a 4 MiB line of short values a few times at most", async () => {
    const content = `a,b\n1,2\n${"x,".repeat(2 * MIB)}x\n3,4\n`;
    const found = await records(file(content));
    expect(found.map((record) => [record.line, record.fields.length])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2 * MIB + 1],
      [4, 2],
    ]);
    expect(parsed.characters).toBeLessThan(content.length * 4);
  });

  it("reads every row after a quote never closed near the top, a few times at most", async () => {
    const rows = Array.from({ length: 100_000 }, (_, index) => `row ${index},${index}\n`).join("");
    const content = `name,amount\nfirst,1\nbad,"12\n${rows}`;
    const found = await records(file(content));
    expect(found).toHaveLength(3 + 100_000);
    expect(found[2]).toEqual({ line: 3, fields: ["bad", "12"], unclosedQuoteLine: 3 });
    expect(found.at(-1)).toEqual({ line: 100_003, fields: ["row 99999", "99999"] });
    // Up to the end of the file to find the quote is never closed, then the rows after it again.
    expect(parsed.characters).toBeLessThan(content.length * 5);
  });
});

describe("a CSV folder with an overlong cell and a stray quote", () => {
  it("loads every other row, cuts the long cell, and names the lines", async () => {
    const data = snapshot({
      reps: [rep()],
      opportunities: Array.from({ length: 6 }, (_, index) => opportunity({ id: `o${index + 1}` })),
    });
    const folder = csvFolder(data);
    const path = join(folder, "opportunities.csv");
    const lines = (await import("node:fs")).readFileSync(path, "utf8").split("\n");
    const cells = (line: number) => (lines[line - 1] ?? "").split(",");
    const nextStep = cells(1).indexOf("nextStep");
    const long = cells(3);
    long[nextStep] = `"${"Call the whole buying committee, one by one. ".repeat(120_000)}"`;
    lines[2] = long.join(",");
    const stray = cells(5);
    stray[nextStep] = '"Send the deck';
    lines[4] = stray.join(",");
    writeFileSync(path, lines.join("\n"));

    const { snapshot: loaded, issues } = await new CsvSource(folder).load();
    expect(loaded.opportunities.map((opp) => opp.id)).toEqual(["o1", "o2", "o3", "o5", "o6"]);
    expect(loaded.opportunities[1]?.nextStep).toHaveLength(10_000);
    expect(issues.map(formatIssue)).toEqual([
      "opportunities.csv, line 3, nextStep: the value in column 11 has 5,400,000 characters; only its first 10,000 are read",
      "opportunities.csv, line 5: a quoted value opened on this line is never closed; reading goes on at the next line (row skipped)",
    ]);
  });
});
