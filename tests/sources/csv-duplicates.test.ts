// possible-duplicate on a Salesforce report exported as it is: the web-direct purchase beside the
// rep's own opportunity, found by account, with or without Account ID and Amount columns.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluatePipeline, listFindings } from "../../src/domain/evaluate.ts";
import { explain } from "../../src/domain/messages.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/salesforce-report/", import.meta.url));

const HEADER = [
  "Opportunity Owner",
  "Account Name",
  "Opportunity Name",
  "Stage",
  "Amount",
  "Close Date",
  "Next Step",
  "Last Activity",
  "Opportunity ID",
  "Account ID",
];
const ROWS = [
  // The rep's own upgrade, and the web-direct purchase the customer made meanwhile.
  'Maria Lopez,Acme Corp,"Acme Corp - Upgrade",Proposal/Price Quote,"$12,500.00",3/28/2026,Book the security review with their CISO,3/2/2026,0065g00000AbC01,0015g00000AaAaA',
  'Maria Lopez,Acme Corp,"Acme Corp (Web Direct)",Qualification,"$1,740.00",3/20/2026,Call the buyer about the web purchase,3/9/2026,0065g00000AbC02,0015g00000AaAaA',
  // The same amount twice on one account, 12 days apart, under different names.
  'Jon Baker,"Initech, Inc.","Initech - Platform",Negotiation/Review,"USD 48,000.00",4/6/2026,Legal review of the order form,3/5/2026,0065g00000AbC03,0015g00000CcCcC',
  'Jon Baker,"Initech, Inc.","Initech - Seats for QA",Qualification,"$48,000.00",4/18/2026,Scope seat count with their QA lead,3/5/2026,0065g00000AbC04,0015g00000CcCcC',
  // Same name on another account, and a closed one: neither is a duplicate.
  'Jon Baker,Umbrella,"Acme Corp - Renewal",Qualification,"$3,000.00",5/1/2026,Send the renewal quote to their CFO,3/5/2026,0065g00000AbC05,0015g00000DdDdD',
  'Maria Lopez,Acme Corp,"Acme Corp - New Business",Closed Won,"$9,900.00",3/3/2026,,3/3/2026,0065g00000AbC06,0015g00000AaAaA',
];

/** The report as Salesforce exports it (BOM, CRLF, quoted money), keeping only some columns. */
function exportFolder(columns: readonly string[] = HEADER): string {
  const folder = mkdtempSync(join(tmpdir(), "nudgebot-duplicates-"));
  copyFileSync(join(EXAMPLE, "reps.csv"), join(folder, "reps.csv"));
  const keep = columns.map((column) => HEADER.indexOf(column));
  const cells = (row: string) =>
    row.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, "")) ?? [];
  const lines = [HEADER.join(","), ...ROWS].map((line) =>
    keep.map((index) => cells(line)[index] ?? "").join(","),
  );
  writeFileSync(join(folder, "opportunities.csv"), `\uFEFF${lines.join("\r\n")}\r\n`);
  return folder;
}

async function duplicatesIn(folder: string) {
  const { snapshot, issues, available } = await new CsvSource(folder).load();
  expect(issues).toEqual([]);
  const evaluation = evaluatePipeline(snapshot, {
    now: new Date("2026-03-10T15:00:00Z"),
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
    available,
  });
  const findings = listFindings(evaluation).filter((finding) => finding.rule === "possible-duplicate");
  const state = evaluation.rules.find((rule) => rule.rule === "possible-duplicate");
  return { findings, state, problems: new Map(findings.map((f) => [f.recordId, explain(f).problem])) };
}

describe("possible duplicates in a Salesforce report export", () => {
  it("finds the web-direct purchase beside the upgrade, and equal amounts close together", async () => {
    const { findings, problems, state } = await duplicatesIn(exportFolder());
    expect(state).toEqual({ rule: "possible-duplicate", on: true, reason: null });
    expect(findings.map((f) => [f.recordId, f.owner]).sort()).toEqual([
      ["0065g00000AbC01", "maria.lopez@example.com"],
      ["0065g00000AbC02", "maria.lopez@example.com"],
      ["0065g00000AbC03", "jon.baker@example.com"],
      ["0065g00000AbC04", "jon.baker@example.com"],
    ]);
    expect(problems.get("0065g00000AbC01")).toBe(
      "Possibly a duplicate of “Acme Corp (Web Direct)” (same name, closes 2026-03-20).",
    );
    expect(problems.get("0065g00000AbC03")).toBe(
      "Possibly a duplicate of “Initech - Seats for QA” (same amount, $48,000, closes 2026-04-18).",
    );
  });

  it("groups by Account Name when the report has no Account ID", async () => {
    const { findings } = await duplicatesIn(exportFolder(HEADER.filter((column) => column !== "Account ID")));
    expect(findings.map((f) => f.recordId).sort()).toEqual([
      "0065g00000AbC01",
      "0065g00000AbC02",
      "0065g00000AbC03",
      "0065g00000AbC04",
    ]);
  });

  it("compares names only without an Amount column, and says so", async () => {
    const { findings, state } = await duplicatesIn(
      exportFolder(HEADER.filter((column) => column !== "Amount")),
    );
    expect(findings.map((f) => f.recordId).sort()).toEqual(["0065g00000AbC01", "0065g00000AbC02"]);
    expect(state?.note).toBe(
      'compares names only: no field for opportunity.amount: add a "Amount" column to opportunities.csv (or name yours under csv.columns.amount)',
    );
  });

  it("is off without any account column, saying which to add", async () => {
    const { findings, state } = await duplicatesIn(
      exportFolder(HEADER.filter((column) => column !== "Account ID" && column !== "Account Name")),
    );
    expect(findings).toEqual([]);
    expect(state?.on).toBe(false);
    expect(state?.reason).toContain('add a "Account ID" column to opportunities.csv');
  });
});
