// Joins the rows of the three CSV files into one snapshot: duplicate keys dropped, references that
// lead nowhere warned about, each with its file and line.
import type { Account, Opportunity, Rep } from "../../domain/model.ts";
import type { SourceIssue, SourceLoad } from "../source.ts";
import type { CsvRows } from "./read-csv-file.ts";

/** Joins the three files: drops duplicate keys and warns about references that lead nowhere. */
export function assembleSnapshot(
  reps: CsvRows<Rep>,
  accounts: CsvRows<Account>,
  opportunities: CsvRows<Opportunity>,
  {
    hasAccounts = true,
    accountsFile = "accounts.csv",
  }: { hasAccounts?: boolean; accountsFile?: string } = {},
): SourceLoad {
  const issues: SourceIssue[] = [...reps.issues, ...accounts.issues, ...opportunities.issues];
  const uniqueReps = unique(reps, "reps.csv", "email", (rep) => rep.email, issues);
  const uniqueAccounts = unique(accounts, accountsFile, "id", (account) => account.id, issues);
  const uniqueOpportunities = unique(opportunities, "opportunities.csv", "id", (opp) => opp.id, issues);

  const repEmails = new Set(uniqueReps.values.map((rep) => rep.email));
  const accountIds = new Set(uniqueAccounts.values.map((account) => account.id));
  const strangers = new Map<string, { file: string; line: number }>();
  uniqueAccounts.values.forEach((account, index) => {
    if (!repEmails.has(account.ownerEmail) && !strangers.has(account.ownerEmail))
      strangers.set(account.ownerEmail, {
        file: accountsFile,
        line: uniqueAccounts.lines[index] as number,
      });
  });
  uniqueOpportunities.values.forEach((opp, index) => {
    const line = uniqueOpportunities.lines[index] as number;
    // Without accounts.csv every opportunity's segment is its owner's: nothing to warn about.
    if (hasAccounts && !accountIds.has(opp.accountId)) {
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
  // Rows are copied only when some are dropped: most files have no duplicate.
  let duplicates: Set<number> | null = null;
  for (let index = 0; index < rows.values.length; index++) {
    const line = rows.lines[index] as number;
    const key = keyOf(rows.values[index] as T);
    const seen = firstLine.get(key);
    if (seen === undefined) {
      firstLine.set(key, line);
      continue;
    }
    duplicates ??= new Set();
    duplicates.add(index);
    issues.push({
      severity: "skipped",
      file,
      line,
      field,
      message: `duplicate ${field} "${key}" (first on line ${seen})`,
    });
  }
  if (duplicates === null) return rows;
  const dropped = duplicates;
  return keep(rows, (index) => !dropped.has(index));
}

/** The rows (with their lines) at the indexes `kept` accepts, in order. */
export function keep<T>(rows: CsvRows<T>, kept: (index: number) => boolean): CsvRows<T> {
  const values: T[] = [];
  const lines: number[] = [];
  for (let index = 0; index < rows.values.length; index++) {
    if (!kept(index)) continue;
    values.push(rows.values[index] as T);
    lines.push(rows.lines[index] as number);
  }
  return { values, lines, issues: rows.issues };
}
