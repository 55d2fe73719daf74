import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceError } from "../../src/errors.ts";
import { plainNumber, required, text } from "../../src/sources/csv/cell-parsers.ts";
import { readCsvFile } from "../../src/sources/csv/read-csv-file.ts";
import { rowSpec } from "../../src/sources/csv/row-spec.ts";
import { type CsvRecord, streamCsvRecords } from "../../src/sources/csv/stream-csv-records.ts";

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-read-csv-")), "data.csv");
  writeFileSync(path, content);
  return path;
}

async function records(path: string, readBytes?: number): Promise<CsvRecord[]> {
  const found: CsvRecord[] = [];
  await streamCsvRecords(
    path,
    (record) => {
      found.push(record);
      return true;
    },
    readBytes === undefined ? {} : { readBytes },
  );
  return found;
}

const EXPORT =
  '\ufeff"Opportunity Name","Next Step","Amount"\r\n' +
  '"Acme ""Big"" Deal","Call, then\r\nsend the deck",$12.00\r\n' +
  "\r\n" +
  'Plain,Tom\'s "quote" as typed,3\r\n' +
  '"Zoë\'s 😀 deal","ask\nEmil\r\ntoday",€5\r\n' +
  '"Last","no line break at the end",4';

const EXPORT_RECORDS: CsvRecord[] = [
  { line: 1, fields: ["Opportunity Name", "Next Step", "Amount"] },
  { line: 2, fields: ['Acme "Big" Deal', "Call, then\r\nsend the deck", "$12.00"] },
  { line: 5, fields: ["Plain", 'Tom\'s "quote" as typed', "3"] },
  { line: 6, fields: ["Zoë's 😀 deal", "ask\nEmil\r\ntoday", "€5"] },
  { line: 9, fields: ["Last", "no line break at the end", "4"] },
];

describe("streaming a CSV file's records", () => {
  it("reads an export with a BOM, CRLF, quotes, commas and line breaks in values, and a blank line", async () => {
    expect(await records(file(EXPORT))).toEqual(EXPORT_RECORDS);
  });

  it("gives the same records and lines however the file is cut into reads, even inside a character", async () => {
    const path = file(EXPORT);
    const bytes = Buffer.byteLength(EXPORT);
    // papaparse decides the line ending by a majority of the line breaks in its first read (32 KiB
    // in real reads): here every cut once that read holds the first two records, down to one
    // byte per read after it. With LF line ends, every cut at all.
    const firstTwo = Buffer.byteLength(EXPORT.slice(0, EXPORT.indexOf("$12.00\r\n") + 8));
    for (let readBytes = firstTwo; readBytes <= bytes; readBytes++)
      expect(await records(path, readBytes), `reads of ${readBytes} bytes`).toEqual(EXPORT_RECORDS);

    const lf = EXPORT.replaceAll("\r\n", "\n");
    const lfPath = file(lf);
    const lfRecords = await records(lfPath);
    expect(lfRecords.map((record) => record.line)).toEqual([1, 2, 5, 6, 9]);
    for (let readBytes = 1; readBytes <= Buffer.byteLength(lf); readBytes++)
      expect(await records(lfPath, readBytes), `reads of ${readBytes} bytes`).toEqual(lfRecords);
  });

  it("counts lines right across many reads in a large file", async () => {
    // Record ends CRLF, line breaks inside values LF, as Salesforce exports them.
    let content = "name,notes\r\n";
    const expected: CsvRecord[] = [{ line: 1, fields: ["name", "notes"] }];
    let line = 2;
    for (let index = 0; index < 5000; index++) {
      const notes = "note\n".repeat(index % 4);
      content += `"Deal ${index}","${notes}"\r\n${index % 7 === 0 ? "\r\n" : ""}`;
      expected.push({ line, fields: [`Deal ${index}`, notes] });
      line += 1 + (index % 4) + (index % 7 === 0 ? 1 : 0);
    }
    const path = file(content);
    expect(await records(path)).toEqual(expected);
    for (const readBytes of [4096, 1000, 777]) expect(await records(path, readBytes)).toEqual(expected);
  });

  it("reads old Mac line ends (CR alone) and keeps empty trailing values", async () => {
    expect(await records(file("a,b,\rc,,\r\rd,e,f"))).toEqual([
      { line: 1, fields: ["a", "b", ""] },
      { line: 2, fields: ["c", "", ""] },
      { line: 4, fields: ["d", "e", "f"] },
    ]);
  });

  it("keeps a stray quote inside a quoted value instead of losing the rest of the file", async () => {
    expect(await records(file('"say "hi" now",2\nnext,3\n'))).toEqual([
      { line: 1, fields: ['say "hi" now', "2"] },
      { line: 2, fields: ["next", "3"] },
    ]);
  });

  it("drops spaces between a closing quote and the comma after it", async () => {
    expect(await records(file('"a"  ,b\n"c" \nd,e\n'))).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c"] },
      { line: 3, fields: ["d", "e"] },
    ]);
  });

  it("flags a quoted value that is never closed on the line where it opened, and reads on after that line", async () => {
    const content = 'a,b\nx,"open,1\nmore,2\n\nlast,3\n';
    const expected: CsvRecord[] = [
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x", "open,1"], unclosedQuoteLine: 2 },
      { line: 3, fields: ["more", "2"] },
      { line: 5, fields: ["last", "3"] },
    ];
    const path = file(content);
    for (let readBytes = 1; readBytes <= content.length; readBytes++)
      expect(await records(path, readBytes), `reads of ${readBytes} bytes`).toEqual(expected);
    const crlf = content.replaceAll("\n", "\r\n");
    expect(await records(file(crlf))).toEqual(expected);
  });

  it("names the quote's own line when the record it is in started on an earlier line", async () => {
    expect(await records(file('a,b\n"two\nlines","open\nc,d\ne,f\n'))).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["two\nlines", "open"], unclosedQuoteLine: 3 },
      { line: 4, fields: ["c", "d"] },
      { line: 5, fields: ["e", "f"] },
    ]);
  });

  it("stops reading when told to, and passes on what the reader throws", async () => {
    const path = file(`a,b\n${"1,2\n".repeat(100_000)}`);
    const seen: number[] = [];
    await streamCsvRecords(
      path,
      (record) => {
        seen.push(record.line);
        return seen.length < 2;
      },
      { readBytes: 1024 },
    );
    expect(seen).toEqual([1, 2]);

    const refusal = new SourceError("no such column");
    await expect(
      streamCsvRecords(path, (record) => {
        if (record.line === 3) throw refusal;
        return true;
      }),
    ).rejects.toBe(refusal);
  });

  it("lets other work run while a large file is read", async () => {
    const path = file(`a,b\n${"some text,12345\n".repeat(300_000)}`);
    let reading = true;
    let ranWhileReading = false;
    setImmediate(() => {
      ranWhileReading = reading;
    });
    let rows = 0;
    await streamCsvRecords(path, () => {
      rows += 1;
      return true;
    });
    reading = false;
    expect(rows).toBe(300_001);
    expect(ranWhileReading).toBe(true);
  });

  it("says which file cannot be read", async () => {
    const missing = join(tmpdir(), "nudgebot-no-such-folder", "data.csv");
    await expect(records(missing)).rejects.toThrow(new SourceError(`Cannot read ${missing}: ENOENT`));
  });
});

describe("reading a CSV file into rows", () => {
  const spec = rowSpec({ name: required(text), amount: required(plainNumber) }, (values) => ({ ...values }));

  it("names the line a bad row starts on, after quoted line breaks and blank lines", async () => {
    const path = file(
      'name,amount\r\n"Acme\r\nEurope",100\r\n\r\nBeta,lots\r\nDelta,7\r\n"Omega,8\r\nSigma,9\r\n',
    );
    const rows = await readCsvFile(path, spec);
    expect(rows.values).toEqual([
      { name: "Acme\r\nEurope", amount: 100 },
      { name: "Delta", amount: 7 },
      { name: "Sigma", amount: 9 },
    ]);
    expect(rows.lines).toEqual([2, 6, 8]);
    expect(rows.issues.map((issue) => `${issue.line} ${issue.field}: ${issue.message}`)).toEqual([
      '5 amount: expected a plain number such as 12500, got "lots"',
      "7 null: a quoted value opened on this line is never closed; reading goes on at the next line",
    ]);
  });

  it("cuts a cell longer than 10,000 characters, saying where, and never echoes it whole", async () => {
    const long = "A".repeat(50_000);
    const path = file(`name,amount\n${long},1\nBeta,${"9 or so ".repeat(2000)}\nGamma,3\n`);
    const rows = await readCsvFile(path, spec);
    expect(rows.values).toEqual([
      { name: "A".repeat(10_000), amount: 1 },
      { name: "Gamma", amount: 3 },
    ]);
    const shown = rows.issues.map(
      (issue) => `${issue.severity} ${issue.line} ${issue.field}: ${issue.message}`,
    );
    expect(shown).toEqual([
      "warning 2 name: the value in column 1 has 50,000 characters; only its first 10,000 are read",
      "warning 3 amount: the value in column 2 has 16,000 characters; only its first 10,000 are read",
      `skipped 3 amount: expected a plain number such as 12500, got "${"9 or so ".repeat(12)}9 or…" (9,999 characters)`,
    ]);
  });
});
