// The CSV source of SPEC: reps.csv, accounts.csv and opportunities.csv from one folder.
import { join } from "node:path";
import type { Account, Opportunity, Rep } from "../../domain/model.ts";
import type { PipelineSource, SourceIssue, SourceLoad } from "../source.ts";
import {
  ACCOUNT_COLUMNS,
  accountRow,
  OPPORTUNITY_COLUMNS,
  opportunityRow,
  REP_COLUMNS,
  repRow,
} from "./csv-schemas.ts";
import { type CsvRows, readCsvFile } from "./read-csv-file.ts";

export class CsvSource implements PipelineSource {
  readonly name: string;
  private readonly folder: string;

  constructor(folder: string, name = `csv:${folder}`) {
    this.folder = folder;
    this.name = name;
  }

  async load(): Promise<SourceLoad> {
    const [reps, accounts, opportunities] = await Promise.allSettled([
      readCsvFile(join(this.folder, "reps.csv"), REP_COLUMNS, repRow),
      readCsvFile(join(this.folder, "accounts.csv"), ACCOUNT_COLUMNS, accountRow),
      readCsvFile(join(this.folder, "opportunities.csv"), OPPORTUNITY_COLUMNS, opportunityRow),
    ]);
    // Report the first unreadable file in a fixed order, not whichever failed first.
    for (const result of [reps, accounts, opportunities])
      if (result.status === "rejected") throw result.reason;
    const value = <T>(result: PromiseSettledResult<T>) => (result as PromiseFulfilledResult<T>).value;
    return assembleSnapshot(value(reps), value(accounts), value(opportunities));
  }
}

/** Joins the three files: drops duplicate keys and warns about references that lead nowhere. */
export function assembleSnapshot(
  reps: CsvRows<Rep>,
  accounts: CsvRows<Account>,
  opportunities: CsvRows<Opportunity>,
): SourceLoad {
  const issues: SourceIssue[] = [...reps.issues, ...accounts.issues, ...opportunities.issues];
  const uniqueReps = unique(reps, "reps.csv", "email", (rep) => rep.email, issues);
  const uniqueAccounts = unique(accounts, "accounts.csv", "id", (account) => account.id, issues);
  const uniqueOpportunities = unique(opportunities, "opportunities.csv", "id", (opp) => opp.id, issues);

  const repEmails = new Set(uniqueReps.map(({ value }) => value.email));
  const accountIds = new Set(uniqueAccounts.map(({ value }) => value.id));
  const strangers = new Map<string, { file: string; line: number }>();
  for (const { line, value } of uniqueAccounts) {
    if (!repEmails.has(value.ownerEmail) && !strangers.has(value.ownerEmail))
      strangers.set(value.ownerEmail, { file: "accounts.csv", line });
  }
  for (const { line, value } of uniqueOpportunities) {
    if (!accountIds.has(value.accountId)) {
      issues.push({
        severity: "warning",
        file: "opportunities.csv",
        line,
        field: "accountId",
        message: `account "${value.accountId}" is not in accounts.csv; the owner's segment is used`,
      });
    }
    if (!repEmails.has(value.ownerEmail) && !strangers.has(value.ownerEmail))
      strangers.set(value.ownerEmail, { file: "opportunities.csv", line });
  }
  for (const [email, { file, line }] of strangers) {
    issues.push({
      severity: "warning",
      file,
      line,
      field: "ownerEmail",
      message: `owner ${email} is not in reps.csv; their records are checked in the default timezone`,
    });
  }
  return {
    snapshot: {
      reps: uniqueReps.map(({ value }) => value),
      accounts: uniqueAccounts.map(({ value }) => value),
      opportunities: uniqueOpportunities.map(({ value }) => value),
    },
    issues,
  };
}

function unique<T>(
  rows: CsvRows<T>,
  file: string,
  field: string,
  keyOf: (value: T) => string,
  issues: SourceIssue[],
): CsvRows<T>["rows"] {
  const firstLine = new Map<string, number>();
  return rows.rows.filter(({ line, value }) => {
    const key = keyOf(value);
    const seen = firstLine.get(key);
    if (seen === undefined) {
      firstLine.set(key, line);
      return true;
    }
    issues.push({
      severity: "skipped",
      file,
      line,
      field,
      message: `duplicate ${field} "${key}" (first on line ${seen})`,
    });
    return false;
  });
}
