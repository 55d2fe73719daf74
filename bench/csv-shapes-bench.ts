// Benchmark: 16 MiB opportunities.csv files of awkward shapes beside 16 MiB of ordinary rows. A
// record or a cell as long as the whole file, or a quote never closed, must cost about what the
// same bytes of ordinary rows cost: each file is read once, never again from a record's start.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ChildResult, loadInChild } from "./csv-child.ts";
import { median, mib } from "./report.ts";

const TARGET_BYTES = 16 * 1024 * 1024;
const RUNS = 3;
/** Column of nextStep in the native layout: where the long cell and the stray quote go. */
const NEXT_STEP = 10;

interface Shape {
  name: string;
  /** Rows of the file (not counting the header), for the "loaded" figure. */
  rows: number;
  text: string;
}

/** Lines of `rows` until the text reaches `bytes`. */
function take(rows: readonly string[], bytes: number): string[] {
  const taken: string[] = [];
  let size = 0;
  for (const row of rows) {
    if (size >= bytes) break;
    taken.push(row);
    size += row.length + 1;
  }
  return taken;
}

function withCell(row: string, index: number, cell: string): string {
  const fields = row.split(",");
  fields[index] = cell;
  return fields.join(",");
}

/** The four shapes, made from the rows of a native opportunities.csv. */
function shapes(opportunities: string): Shape[] {
  const [header = "", ...all] = opportunities.trimEnd().split("\n");
  // The same rows without quotes split on commas as they are, and close no quote left open before them.
  const plain = all.map((row) =>
    row.replace(/"((?:[^"]|"")*)"/g, (_, inner: string) => inner.replaceAll('""', "'").replaceAll(",", ";")),
  );
  const ordinary = take(all, TARGET_BYTES);
  const before = plain.slice(0, 5);
  const after = plain.slice(6, 11);
  const file = (rows: string[]) => `${[header, ...rows].join("\n")}\n`;
  const giantRecord = "x,".repeat(TARGET_BYTES / 2);
  const longLine = `${"many words in one long cell ".repeat(3)}\n`;
  const giantCell = `"${longLine.repeat(Math.ceil(TARGET_BYTES / longLine.length))}"`;
  const afterQuote = take(plain.slice(3), TARGET_BYTES);
  const open = withCell(plain[2] as string, NEXT_STEP, '"call them, then never close the quote');
  return [
    { name: "ordinary rows", rows: ordinary.length, text: file(ordinary) },
    { name: "one giant record", rows: 11, text: file([...before, giantRecord, ...after]) },
    {
      name: "one giant cell",
      rows: 11,
      text: file([...before, withCell(plain[5] as string, NEXT_STEP, giantCell), ...after]),
    },
    {
      name: "unclosed quote on line 4",
      rows: afterQuote.length + 3,
      text: file([...plain.slice(0, 2), open, ...afterQuote]),
    },
  ];
}

function measure(folder: string): ChildResult {
  const runs = Array.from({ length: RUNS }, () => loadInChild(folder));
  return {
    ms: median(runs.map((run) => run.ms)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    maxRss: Math.max(...runs.map((run) => run.maxRss)),
    stallMs: Math.max(...runs.map((run) => run.stallMs)),
    opportunities: runs[0]?.opportunities ?? 0,
    issues: runs[0]?.issues ?? 0,
  };
}

/** Rows for the report: each shape's time, its ratio to ordinary rows, and what it loaded. */
export function shapeRows(native: string, base: string): [string, string][] {
  const rows: [string, string][] = [];
  let ordinaryMs = 0;
  for (const shape of shapes(readFileSync(join(native, "opportunities.csv"), "utf8"))) {
    const folder = join(base, shape.name.replaceAll(" ", "-"));
    mkdirSync(folder);
    copyFileSync(join(native, "reps.csv"), join(folder, "reps.csv"));
    writeFileSync(join(folder, "opportunities.csv"), shape.text);
    const result = measure(folder);
    if (ordinaryMs === 0) ordinaryMs = result.ms;
    const ratio = (result.ms / ordinaryMs).toFixed(2);
    rows.push([
      `16 MiB, ${shape.name}: load, median of ${RUNS}`,
      `${result.ms.toFixed(0)} ms (${ratio}x ordinary; target < 2x), longest stall ` +
        `${result.stallMs.toFixed(0)} ms, peak RSS ${mib(result.maxRss)}, ` +
        `${result.opportunities} of ${shape.rows} rows loaded, ${result.issues} issues`,
    ]);
  }
  return rows;
}
