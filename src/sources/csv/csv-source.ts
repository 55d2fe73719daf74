// The CSV source of SPEC: reps.csv, accounts.csv and opportunities.csv from one folder.
import { join } from "node:path";
import type { Account, Opportunity, Rep } from "../../domain/model.ts";
import type { PipelineSource, SourceIssue, SourceLoad } from "../source.ts";
import { accountRow, opportunityRow, repRow } from "./native-format.ts";
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
      readCsvFile(join(this.folder, "reps.csv"), repRow),
      readCsvFile(join(this.folder, "accounts.csv"), accountRow),
      readCsvFile(join(this.folder, "opportunities.csv"), opportunityRow),
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

  const repEmails = new Set(uniqueReps.values.map((rep) => rep.email));
  const accountIds = new Set(uniqueAccounts.values.map((account) => account.id));
  const strangers = new Map<string, { file: string; line: number }>();
  uniqueAccounts.values.forEach((account, index) => {
    if (!repEmails.has(account.ownerEmail) && !strangers.has(account.ownerEmail))
      strangers.set(account.ownerEmail, {
        file: "accounts.csv",
        line: uniqueAccounts.lines[index] as number,
      });
  });
  uniqueOpportunities.values.forEach((opp, index) => {
    const line = uniqueOpportunities.lines[index] as number;
    if (!accountIds.has(opp.accountId)) {
      issues.push({
        severity: "warning",
        file: "opportunities.csv",
        line,
        field: "accountId",
        message: `account "${opp.accountId}" is not in accounts.csv; the owner's segment is used`,
      });
    }
    if (!repEmails.has(opp.ownerEmail) && !strangers.has(opp.ownerEmail))
      strangers.set(opp.ownerEmail, { file: "opportunities.csv", line });
  });
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
      reps: uniqueReps.values,
      accounts: uniqueAccounts.values,
      opportunities: uniqueOpportunities.values,
    },
    issues,
  };
}

/** The rows whose key was not seen on an earlier line; each later one is reported and dropped. */
function unique<T>(
  rows: CsvRows<T>,
  file: string,
  field: string,
  keyOf: (value: T) => string,
  issues: SourceIssue[],
): Pick<CsvRows<T>, "values" | "lines"> {
  const firstLine = new Map<string, number>();
  const values: T[] = [];
  const lines: number[] = [];
  rows.values.forEach((value, index) => {
    const line = rows.lines[index] as number;
    const key = keyOf(value);
    const seen = firstLine.get(key);
    if (seen === undefined) {
      firstLine.set(key, line);
      values.push(value);
      lines.push(line);
      return;
    }
    issues.push({
      severity: "skipped",
      file,
      line,
      field,
      message: `duplicate ${field} "${key}" (first on line ${seen})`,
    });
  });
  return { values, lines };
}
