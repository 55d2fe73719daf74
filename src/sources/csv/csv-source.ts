// The CSV source of SPEC: reps.csv, accounts.csv (optional) and opportunities.csv from one folder;
// opportunities.csv in the native layout or as a CRM report export.
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { RecordType } from "../../domain/findings.ts";
import type { FixFieldName } from "../../domain/fix-fields.ts";
import type { Account, Opportunity, Rep } from "../../domain/model.ts";
import type { RateTable } from "../../domain/money.ts";
import type { AvailableFields, PipelineSource, SourceIssue, SourceLoad } from "../source.ts";
import { assembleSnapshot, keep } from "./assemble-snapshot.ts";
import { type CsvSettings, DEFAULT_CSV_SETTINGS } from "./csv-settings.ts";
import { ACCOUNT_COLUMNS, accountRow, REP_COLUMNS, repRow } from "./native-format.ts";
import { type CsvRows, readCsvFile } from "./read-csv-file.ts";
import { type OpportunityFile, readOpportunities } from "./read-opportunities.ts";
import { type AccountRow, accountsFromReport } from "./report-accounts.ts";
import {
  ACCOUNT_REPORT_FIELDS,
  OPPORTUNITY_REPORT_FIELDS,
  type ReportRow,
  SALESFORCE_REPORT_HEADERS,
} from "./report-columns.ts";

export class CsvSource implements PipelineSource {
  readonly name: string;
  private readonly folder: string;
  private readonly settings: CsvSettings;
  /** The last read's layout: where each field was found, for telling people where to change it. */
  private layout: {
    columns: OpportunityFile["columns"];
    hasAccounts: boolean;
    available: AvailableFields | undefined;
  } | null = null;

  constructor(
    folder: string,
    name = `csv:${folder}`,
    settings: CsvSettings = DEFAULT_CSV_SETTINGS,
    /** Rates for rows of a `currency` column (the `currencies:` configuration). */
    private readonly rates?: RateTable,
  ) {
    this.folder = folder;
    this.name = name;
    this.settings = settings;
  }

  async load(): Promise<SourceLoad> {
    const accountsPath = join(this.folder, "accounts.csv");
    const hasAccounts = await access(accountsPath).then(
      () => true,
      () => false,
    );
    const [reps, accounts, opportunities] = await Promise.allSettled([
      readCsvFile(join(this.folder, "reps.csv"), repRow, this.settings.delimiter),
      hasAccounts ? readCsvFile(accountsPath, accountRow, this.settings.delimiter) : Promise.resolve(null),
      readOpportunities(join(this.folder, "opportunities.csv"), this.settings),
    ]);
    // Report the first unreadable file in a fixed order, not whichever failed first.
    for (const result of [reps, accounts, opportunities])
      if (result.status === "rejected") throw result.reason;
    const value = <T>(result: PromiseSettledResult<T>) => (result as PromiseFulfilledResult<T>).value;
    const file = value(opportunities);
    const issues: SourceIssue[] = [];
    const ownerHeader = file.columns?.found.get("ownerName")?.header ?? "Opportunity Owner";
    const resolved = resolveOwners(file.rows, value(reps).values, ownerHeader, issues);
    const opportunityRows: CsvRows<Opportunity> = {
      values: resolved.values.map((row) => row.opportunity),
      lines: resolved.lines,
      issues: resolved.issues,
    };
    const fromRows = hasAccounts ? null : this.reportAccounts(file, resolved, issues);
    const load = assembleSnapshot(value(reps), value(accounts) ?? fromRows ?? emptyRows(), opportunityRows, {
      hasAccounts,
      accountsFile: fromRows ? "opportunities.csv" : "accounts.csv",
    });
    load.issues.push(...issues);
    if (this.rates) load.snapshot.rates = this.rates;
    const available = availableFields(file, hasAccounts);
    this.layout = { columns: file.columns, hasAccounts, available };
    return available ? { ...load, available } : load;
  }

  /**
   * Where a person changes a field, since a CSV export cannot be written to: the column of the
   * file the bot reads, or for a CRM report, the report's column (changed in the CRM, then exported).
   */
  whereToChange(recordType: RecordType, field: FixFieldName): string {
    const found = this.layout?.columns?.found.get(field as never);
    if (found)
      return `the "${found.header}" column of the report exported to opportunities.csv (change it in the CRM the report comes from)`;
    if (recordType === "account" && this.layout?.hasAccounts === false)
      return `the "${field}" column of accounts.csv (add that file, with the columns ${ACCOUNT_COLUMNS.join(",")})`;
    const hint = this.layout?.available?.hint(`${recordType}.${field}`);
    if (this.layout?.columns && hint)
      return `the CRM the report comes from (the report has no such column: ${hint})`;
    return `the "${field}" column of ${recordType === "account" ? "accounts.csv" : "opportunities.csv"}`;
  }

  /** The accounts of a report's rows when it has an account column (Employees, Segment, Tier). */
  private reportAccounts(
    file: OpportunityFile,
    rows: CsvRows<ReportRow>,
    issues: SourceIssue[],
  ): CsvRows<Account> | null {
    const found = file.columns?.found;
    if (!found || !ACCOUNT_REPORT_FIELDS.some((field) => found.has(field))) return null;
    const header = (field: (typeof ACCOUNT_REPORT_FIELDS)[number]) =>
      found.get(field)?.header ?? SALESFORCE_REPORT_HEADERS[field][0];
    function* accountRows(): Generator<AccountRow> {
      for (let index = 0; index < rows.values.length; index++) {
        const { opportunity, account } = rows.values[index] as ReportRow;
        if (account) yield { opportunity, account, line: rows.lines[index] as number };
      }
    }
    const accounts = accountsFromReport(
      accountRows(),
      {
        headers: { employees: header("employees"), segment: header("segment"), tier: header("tier") },
        decimalSeparator: this.settings.decimalSeparator,
      },
      issues,
    );
    return { ...accounts, issues: [] };
  }
}

const emptyRows = <T>(): CsvRows<T> => ({ values: [], lines: [], issues: [] });

/**
 * Gives each report row its owner's email: its own, or the rep in reps.csv with that name (any
 * case). An unknown name is reported once, listing the names reps.csv has, and its rows skipped.
 */
function resolveOwners(
  rows: CsvRows<ReportRow>,
  reps: Rep[],
  ownerHeader: string,
  issues: SourceIssue[],
): CsvRows<ReportRow> {
  const byName = new Map(reps.map((rep) => [rep.name.toLowerCase(), rep.email]));
  const unknown = new Map<string, { line: number; count: number }>();
  // Rows are copied only when some are skipped: a native file has every owner's email already.
  let skipped: Set<number> | null = null;
  for (let index = 0; index < rows.values.length; index++) {
    const { opportunity, ownerName } = rows.values[index] as ReportRow;
    if (opportunity.ownerEmail !== "" || ownerName === null) continue;
    const email = byName.get(ownerName.toLowerCase());
    if (email !== undefined) {
      opportunity.ownerEmail = email;
      continue;
    }
    const seen = unknown.get(ownerName);
    if (seen) seen.count += 1;
    else unknown.set(ownerName, { line: rows.lines[index] as number, count: 1 });
    skipped ??= new Set();
    skipped.add(index);
  }
  const dropped = skipped;
  const resolved = dropped === null ? rows : keep(rows, (index) => !dropped.has(index));
  const names = reps.map((rep) => rep.name).join(", ");
  for (const [name, { line, count }] of unknown) {
    issues.push({
      severity: "skipped",
      file: "opportunities.csv",
      line,
      field: ownerHeader,
      message: `owner "${name}" is not in reps.csv (${count} ${count === 1 ? "row" : "rows"}); reps.csv has: ${names}`,
      rows: count,
    });
  }
  return resolved;
}

/** Which domain fields the folder has; undefined when it has them all (the native layout). */
function availableFields(file: OpportunityFile, hasAccounts: boolean): AvailableFields | undefined {
  if (file.columns === null && hasAccounts) return undefined;
  const fields = new Set<string>();
  for (const column of REP_COLUMNS) fields.add(`rep.${column}`);
  if (hasAccounts) for (const column of ACCOUNT_COLUMNS) fields.add(`account.${column}`);
  const found = file.columns?.found;
  for (const field of OPPORTUNITY_REPORT_FIELDS) {
    if (found === undefined || found.has(field)) fields.add(`opportunity.${field}`);
  }
  // Without accounts.csv, the report's own account columns (accounts come from its rows).
  if (!hasAccounts)
    for (const field of ACCOUNT_REPORT_FIELDS) if (found?.has(field)) fields.add(`account.${field}`);
  // Derived from the stage when the report has no such column.
  fields.add("opportunity.isClosed");
  fields.add("opportunity.isWon");
  return {
    fields,
    hint: (field) => {
      const [record, name] = field.split(".") as [string, string];
      if (record === "opportunity" && name in SALESFORCE_REPORT_HEADERS) {
        const label = SALESFORCE_REPORT_HEADERS[name as keyof typeof SALESFORCE_REPORT_HEADERS][0];
        return `add a "${label}" column to opportunities.csv (or name yours under csv.columns.${name})`;
      }
      const accounts = `accounts.csv with the columns ${ACCOUNT_COLUMNS.join(",")}`;
      if (
        record === "account" &&
        (ACCOUNT_REPORT_FIELDS as readonly string[]).includes(name) &&
        file.columns
      ) {
        const label = SALESFORCE_REPORT_HEADERS[name as (typeof ACCOUNT_REPORT_FIELDS)[number]][0];
        return `add an account's "${label}" column to the report (or name yours under csv.columns.${name}), or add ${accounts}`;
      }
      if (record === "account") return `add ${accounts}`;
      return `add a "${name}" column to ${record === "rep" ? "reps" : `${record}s`}.csv`;
    },
  };
}
