// Without accounts.csv, the accounts are the ones a report's opportunity rows name: their head count,
// segment and tier come from the report's account columns, so Enterprise accounts are left out and
// the account rules run on what the export has.
import type { Account, Opportunity, Tier } from "../../domain/model.ts";
import { TIERS } from "../../domain/model.ts";
import { readSegment } from "../../domain/segments.ts";
import type { SourceIssue } from "../source.ts";
import { boundedNumber, INVALID, oneOf, quoted, type ValueParser } from "./cell-parsers.ts";
import type { ReportAccountCells } from "./report-columns.ts";

const FILE = "opportunities.csv";

/** One opportunity row as the accounts are built from it: its owner is known by now. */
export interface AccountRow {
  opportunity: Opportunity;
  account: ReportAccountCells;
  line: number;
}

export interface ReportAccountOptions {
  /** Each account column's header as the file writes it, for messages. */
  headers: { employees: string; segment: string; tier: string };
  decimalSeparator: "." | ",";
}

type Parsed = Pick<Account, "employees" | "segment" | "tier">;
type ParsedField = keyof Parsed;
const PARSED_FIELDS: readonly ParsedField[] = ["employees", "segment", "tier"];

/**
 * One account per distinct account id of the rows (with the line of its first row), the first
 * row's values winning. A bad cell is reported and leaves that field empty; the opportunity is
 * never lost for it. A later row that says something else about the account is reported once.
 */
export function accountsFromReport(
  rows: Iterable<AccountRow>,
  options: ReportAccountOptions,
  issues: SourceIssue[],
): { values: Account[]; lines: number[] } {
  const parsers = cellParsers(options.decimalSeparator);
  const accounts = new Map<
    string,
    { account: Account; cells: ReportAccountCells; line: number; differs: boolean }
  >();
  for (const { opportunity, account: cells, line } of rows) {
    const id = opportunity.accountId;
    if (id === "") continue;
    const first = accounts.get(id);
    // The same cells as the account's first row (shared by report-columns.ts): nothing new to read.
    if (first !== undefined && (first.cells === cells || first.differs)) continue;
    const parsed = parseCells(cells, parsers, options.headers, line, issues);
    if (first === undefined) {
      accounts.set(id, {
        account: {
          id,
          name: cells.name ?? id,
          ownerEmail: opportunity.ownerEmail,
          segment: parsed.segment ?? null,
          employees: parsed.employees ?? null,
          tier: parsed.tier ?? null,
          potentialUsers: null,
          tierNotes: null,
          ...(cells.website?.trim() ? { website: cells.website.trim() } : {}),
        },
        cells,
        line,
        differs: false,
      });
      continue;
    }
    const field = PARSED_FIELDS.find(
      (name) => parsed[name] !== undefined && (parsed[name] ?? null) !== first.account[name],
    );
    if (field === undefined) continue;
    first.differs = true;
    issues.push({
      severity: "warning",
      file: FILE,
      line,
      field: options.headers[field],
      message:
        `account "${first.account.name}" has ${show(parsed[field])} here but ${show(first.account[field])} ` +
        `on line ${first.line}; line ${first.line} is used`,
    });
  }
  const built = [...accounts.values()];
  return {
    values: built.map(({ account }) => account),
    lines: built.map(({ line }) => line),
  };
}

const show = (value: unknown) => (value === null || value === undefined ? "nothing" : `"${String(value)}"`);

interface CellParsers {
  employees: ValueParser<number>;
  segment: ValueParser<NonNullable<Account["segment"]>>;
  tier: ValueParser<Tier>;
}

/** Each field's value, null for an empty cell, undefined for a bad one (reported). */
function parseCells(
  cells: ReportAccountCells,
  parsers: CellParsers,
  headers: ReportAccountOptions["headers"],
  line: number,
  issues: SourceIssue[],
): { [K in ParsedField]: Parsed[K] | undefined } {
  const read = <T>(field: ParsedField, raw: string | null, parser: ValueParser<T>): T | null | undefined => {
    const text = raw?.trim() ?? "";
    if (text === "") return null;
    const value = parser.parse(text);
    if (value !== INVALID) return value;
    issues.push({
      severity: "warning",
      file: FILE,
      line,
      field: headers[field],
      message: `expected ${parser.expected}, got ${quoted(text)}; the account is read without it`,
    });
    return undefined;
  };
  return {
    employees: read("employees", cells.employees, parsers.employees),
    segment: read("segment", cells.segment, parsers.segment),
    tier: read("tier", cells.tier, parsers.tier),
  };
}

function cellParsers(decimalSeparator: "." | ","): CellParsers {
  // Reports write head counts as numbers are shown: "2,500" (or "2.500" with "," as the decimal separator).
  const grouping = decimalSeparator === "." ? /[,\s'\u00a0\u202f]/g : /[.\s'\u00a0\u202f]/g;
  const tier = oneOf(TIERS);
  return {
    employees: {
      expected:
        decimalSeparator === "."
          ? "a whole number such as 2500 or 2,500"
          : "a whole number such as 2500 or 2.500",
      parse: (text) => {
        const bare = text.replace(grouping, "");
        return /^\d+$/.test(bare) ? boundedNumber(bare) : INVALID;
      },
    },
    segment: {
      expected: "SMB, MM (or Mid-Market) or Enterprise",
      parse: (text) => readSegment(text) ?? INVALID,
    },
    tier: {
      // A picklist may say "Tier 1" where accounts.csv says 1.
      expected: `one of ${TIERS.join(", ")} (or "Tier 1" …)`,
      parse: (text) => tier.parse(text.replace(/^tier\s*/i, "")),
    },
  };
}
