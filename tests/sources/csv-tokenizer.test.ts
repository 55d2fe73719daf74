import { describe, expect, it } from "vitest";
import { type CsvRecord, CsvTokenizer } from "../../src/sources/csv/csv-tokenizer.ts";

function tokenize(chunks: string[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  const tokenizer = new CsvTokenizer((record) => records.push(record));
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return records;
}

/** Every way of cutting the text in two, and one character at a time. */
function everySplit(text: string): string[][] {
  const splits = [[text], [...text]];
  for (let cut = 1; cut < text.length; cut++) splits.push([text.slice(0, cut), text.slice(cut)]);
  return splits;
}

const EXPORT =
  '\ufeff"Opportunity Name","Next Step","Amount"\r\n' +
  '"Acme ""Big"" Deal","Call, then\r\nsend the deck",$12.00\r\n' +
  "\r\n" +
  'Plain,Tom\'s "quote" as typed,3\r\n' +
  '"Last","no line break at the end",4';

describe("the CSV tokenizer", () => {
  it("reads an export with a BOM, CRLF, quotes, commas and line breaks in values, and a blank line", () => {
    expect(tokenize([EXPORT])).toEqual([
      { line: 1, fields: ["Opportunity Name", "Next Step", "Amount"] },
      { line: 2, fields: ['Acme "Big" Deal', "Call, then\r\nsend the deck", "$12.00"] },
      { line: 5, fields: ["Plain", 'Tom\'s "quote" as typed', "3"] },
      { line: 6, fields: ["Last", "no line break at the end", "4"] },
    ]);
  });

  it("gives the same records and lines however the text is cut into chunks", () => {
    const whole = tokenize([EXPORT]);
    for (const chunks of everySplit(EXPORT)) expect(tokenize(chunks)).toEqual(whole);
  });

  it("reads old Mac line ends (CR alone) and keeps empty trailing values", () => {
    expect(tokenize(["a,b,\rc,,\r"])).toEqual([
      { line: 1, fields: ["a", "b", ""] },
      { line: 2, fields: ["c", "", ""] },
    ]);
  });

  it("keeps a stray quote inside a quoted value instead of losing the rest of the file", () => {
    expect(tokenize(['"say "hi" now",2\nnext,3\n'])).toEqual([
      { line: 1, fields: ['say "hi" now', "2"] },
      { line: 2, fields: ["next", "3"] },
    ]);
  });

  it("flags a quoted value that is never closed, on the line where it opened", () => {
    expect(tokenize(['a,b\n"open,1\nmore\n'])).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["open,1\nmore\n"], unterminatedQuote: true },
    ]);
  });
});
