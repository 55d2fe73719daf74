// opportunities.csv as a CRM report export: which header holds which domain field, which are
// required, and how a header row that fits no preset is explained.
import { COMMAND_PLAN_FIELDS, type Opportunity } from "../../domain/model.ts";
import { SourceError } from "../../errors.ts";
import { type Cell, email, optional, required, text } from "./cell-parsers.ts";
import type { CsvPreset, CsvSettings } from "./csv-settings.ts";
import { currencyCode, dateIn, money, yesOrNo } from "./export-parsers.ts";
import { likelyColumns, yamlValue } from "./header-advice.ts";
import { OPPORTUNITY_COLUMNS } from "./native-format.ts";
import type { RowSpec } from "./row-spec.ts";

/** Salesforce's report labels for each field, first match wins; the handbook's custom fields by label. */
export const SALESFORCE_REPORT_HEADERS = {
  id: ["Opportunity ID"],
  name: ["Opportunity Name"],
  accountId: ["Account ID"],
  accountName: ["Account Name"],
  ownerEmail: ["Owner Email"],
  ownerName: ["Opportunity Owner"],
  stage: ["Stage"],
  isClosed: ["Closed"],
  isWon: ["Won"],
  amount: ["Amount"],
  iacv: ["iACV"],
  currency: ["Opportunity Currency", "Currency"],
  closeDate: ["Close Date"],
  nextStep: ["Next Step"],
  nextStepDate: ["Next Step Date"],
  deckUrl: ["Link to Custom Pitch Deck"],
  lastActivityDate: ["Last Activity"],
  howHeard: ["How Heard", "Lead Source"],
  closedReason: ["Closed Reason"],
  whyDoAnything: ["Why Do Anything"],
  whyNow: ["Why Now"],
  whyUs: ["Why Us"],
  closePlan: ["Close Plan"],
  identifyPain: ["Identify Pain"],
  metrics: ["Metrics"],
  economicBuyer: ["Economic Buyer"],
  decisionCriteria: ["Decision Criteria"],
  decisionProcess: ["Decision Process"],
  champion: ["Champion"],
  competition: ["Competition"],
  // The account's own fields, as an opportunity report can carry them (used without accounts.csv).
  employees: ["Employees", "Account: Employees"],
  segment: ["Segment", "Account: Segment"],
  tier: ["Tier", "Account: Tier"],
  website: ["Website", "Account: Website"],
} as const;

export type ReportField = keyof typeof SALESFORCE_REPORT_HEADERS;
export const REPORT_FIELDS = Object.keys(SALESFORCE_REPORT_HEADERS) as ReportField[];
/** The fields that describe the opportunity's account rather than the opportunity. */
export const ACCOUNT_REPORT_FIELDS = [
  "employees",
  "segment",
  "tier",
  "website",
] as const satisfies readonly ReportField[];
export type AccountReportField = (typeof ACCOUNT_REPORT_FIELDS)[number];
const isAccountField = (field: ReportField): field is AccountReportField =>
  (ACCOUNT_REPORT_FIELDS as readonly string[]).includes(field);
/** The fields of the opportunity itself, as "opportunity.<field>" in the available fields. */
export const OPPORTUNITY_REPORT_FIELDS = REPORT_FIELDS.filter((field) => !isAccountField(field));
const REQUIRED: ReportField[] = ["id", "name", "stage", "closeDate"];
/** The fields whose cells are dates, for deciding a file's date order. */
export const DATE_FIELDS: ReportField[] = ["closeDate", "nextStepDate", "lastActivityDate"];

/** Header matching ignores case and spaces: "Close  date" is "Close Date". */
export const normalHeader = (header: string) => header.toLowerCase().replace(/\s+/g, "");

/** One opportunity row of a report, before its owner's name is matched to reps.csv. */
export interface ReportRow {
  opportunity: Opportunity;
  ownerName: string | null;
  /** The account's cells as written, when the report has any account column; read in report-accounts.ts. */
  account?: ReportAccountCells;
}

/**
 * Kept as text: a bad head count must empty the account's field, not skip the opportunity's row,
 * so these cells are parsed where the accounts are built.
 */
export interface ReportAccountCells {
  name: string | null;
  employees: string | null;
  segment: string | null;
  tier: string | null;
  website: string | null;
}

export interface ReportColumns {
  /** Each field found, with its column's position and header as the file writes it. */
  found: Map<ReportField, { index: number; header: string }>;
}

/** Finds each field's column by the `columns:` override, else the preset's labels or its own name. */
export function findReportColumns(header: readonly string[], settings: CsvSettings): ReportColumns {
  const positions = new Map(header.map((name, index) => [normalHeader(name), index]));
  const found = new Map<ReportField, { index: number; header: string }>();
  for (const field of REPORT_FIELDS) {
    const override = settings.columns[field];
    // The native column name comes last, so a native file that lacks some columns reads too.
    const candidates = override ? [override] : [...SALESFORCE_REPORT_HEADERS[field], field];
    for (const candidate of candidates) {
      const index = positions.get(normalHeader(candidate));
      if (index !== undefined) {
        found.set(field, { index, header: header[index] ?? candidate });
        break;
      }
    }
  }
  return { found };
}

/** The required fields a header lacks (owner: an email or a name column). */
export function missingReportFields(columns: ReportColumns): ReportField[] {
  const missing = REQUIRED.filter((field) => !columns.found.has(field));
  if (!columns.found.has("ownerEmail") && !columns.found.has("ownerName")) missing.push("ownerName");
  return missing;
}

/** Which preset a header row is: native when it has every native column, else a report. */
export function recognisePreset(header: readonly string[], settings: CsvSettings): CsvPreset | SourceError {
  if (settings.preset) return settings.preset;
  const names = new Set(header.map(normalHeader));
  const nativeMissing = OPPORTUNITY_COLUMNS.filter((column) => !names.has(normalHeader(column)));
  if (nativeMissing.length === 0) return "native";
  const columns = findReportColumns(header, settings);
  const reportMissing = missingReportFields(columns);
  if (reportMissing.length === 0) return "salesforce-report";
  // Closest: the preset more of whose own headers the file has.
  const labels = new Set(
    REPORT_FIELDS.flatMap((field) => SALESFORCE_REPORT_HEADERS[field].map(normalHeader)),
  );
  const labelCount = [...names].filter((name) => labels.has(name)).length;
  const closest =
    OPPORTUNITY_COLUMNS.length - nativeMissing.length > labelCount ? "native" : "salesforce-report";
  return noPresetError(header, closest, reportMissing, columns);
}

/** Says which fields are missing, which column each most likely is, and the `columns:` lines. */
function noPresetError(
  header: readonly string[],
  closest: CsvPreset,
  missing: readonly ReportField[],
  columns: ReportColumns,
): SourceError {
  const claimed = new Set([...columns.found.values()].map((column) => column.index));
  const likely = likelyColumns(missing, header, claimed, (field) => SALESFORCE_REPORT_HEADERS[field]);
  // The owner is asked for as the kind of column the file seems to have.
  const fields = missing.map((field) =>
    field === "ownerName" && likely.has("ownerEmail") ? "ownerEmail" : field,
  );
  const guesses = fields.flatMap((field) => {
    const column = likely.get(field);
    return column === undefined ? [] : [`your column "${column}" looks like ${field}`];
  });
  const lines = fields.map((field) => {
    const column = likely.get(field);
    const value =
      column === undefined ? `"<your header for ${SALESFORCE_REPORT_HEADERS[field][0]}>"` : yamlValue(column);
    return `    ${field}: ${value}`;
  });
  return new SourceError(
    `opportunities.csv has a header row that matches no preset. Headers found: ${header.join(", ")}. ` +
      `Closest preset: ${closest}; it also needs ${fields.map(describe).join(", ")}` +
      `${guesses.length > 0 ? ` (${guesses.join("; ")})` : ""}. ` +
      `Name your columns in the configuration file:\ncsv:\n  columns:\n${lines.join("\n")}`,
  );
}

function describe(field: ReportField): string {
  return `"${SALESFORCE_REPORT_HEADERS[field][0]}" (${field})`;
}

/** The row reader for a report whose columns were found; a missing column reads as empty. */
export function reportRowSpec(
  columns: ReportColumns,
  settings: CsvSettings,
  dateFormat: Exclude<CsvSettings["dateFormat"], "auto">,
): RowSpec<ReportRow> & { indexes: number[]; names: string[] } {
  const date = dateIn(dateFormat);
  const amount = money(settings.decimalSeparator);
  // The one owner column a report has must be filled; with both, either will do.
  const hasEmail = columns.found.has("ownerEmail");
  const hasName = columns.found.has("ownerName");
  const cells: Record<ReportField, Cell<unknown>> = {
    ...(Object.fromEntries(REPORT_FIELDS.map((field) => [field, optional(text)])) as Record<
      ReportField,
      Cell<unknown>
    >),
    id: required(text),
    name: required(text),
    stage: required(text),
    closeDate: required(date),
    ownerEmail: hasEmail && !hasName ? required(email) : optional(email),
    ownerName: hasName && !hasEmail ? required(text) : optional(text),
    isClosed: optional(yesOrNo),
    isWon: optional(yesOrNo),
    amount: optional(amount),
    iacv: optional(amount),
    currency: optional(currencyCode),
    nextStepDate: optional(date),
    lastActivityDate: optional(date),
  };
  const fields = REPORT_FIELDS;
  // One account's cells are the same on each of its rows: those rows share the first row's object,
  // so a 100,000-row report keeps one per account, and report-accounts.ts reads each once.
  const accountCells = ACCOUNT_REPORT_FIELDS.some((field) => columns.found.has(field))
    ? new Map<string, ReportAccountCells>()
    : null;
  return {
    fields,
    cells: fields.map((field) => cells[field]),
    indexes: fields.map((field) => columns.found.get(field)?.index ?? -1),
    names: fields.map((field) => columns.found.get(field)?.header ?? SALESFORCE_REPORT_HEADERS[field][0]),
    build: (row) => buildReportRow(row as Record<ReportField, unknown>, accountCells),
  };
}

function buildReportRow(
  row: Record<ReportField, unknown>,
  accountCells: Map<string, ReportAccountCells> | null,
): ReportRow {
  // Required cells are non-empty by now; optional ones are their parsed value or null.
  const get = <T>(field: ReportField) => row[field] as T;
  const stage = get<string>("stage");
  // Without Closed and Won columns the stage says it, as Salesforce's standard stages do.
  const isClosed = get<boolean | null>("isClosed") ?? /^closed\b/i.test(stage);
  const isWon = get<boolean | null>("isWon") ?? /^closed\s*won\b/i.test(stage);
  const commandPlan = {} as Opportunity["commandPlan"];
  for (const field of COMMAND_PLAN_FIELDS) commandPlan[field] = get<string | null>(field);
  const opportunity: Opportunity = {
    id: get<string>("id"),
    name: get<string>("name"),
    accountId: get<string | null>("accountId") ?? get<string | null>("accountName") ?? "",
    ownerEmail: get<string | null>("ownerEmail") ?? "",
    stage,
    isClosed,
    isWon,
    amount: get<number | null>("amount"),
    iacv: get<number | null>("iacv"),
    closeDate: get<string>("closeDate"),
    nextStep: get<string | null>("nextStep"),
    nextStepDate: get<string | null>("nextStepDate"),
    deckUrl: get<string | null>("deckUrl"),
    lastActivityDate: get<string | null>("lastActivityDate"),
    howHeard: get<string | null>("howHeard"),
    closedReason: get<string | null>("closedReason"),
    commandPlan,
  };
  const currency = get<string | null>("currency");
  if (currency !== null) opportunity.currency = currency;
  const ownerName = get<string | null>("ownerName");
  if (accountCells === null) return { opportunity, ownerName };
  const name = get<string | null>("accountName");
  const employees = get<string | null>("employees");
  const segment = get<string | null>("segment");
  const tier = get<string | null>("tier");
  const website = get<string | null>("website");
  const first = accountCells.get(opportunity.accountId);
  if (
    first &&
    first.name === name &&
    first.employees === employees &&
    first.segment === segment &&
    first.tier === tier &&
    first.website === website
  )
    return { opportunity, ownerName, account: first };
  const account: ReportAccountCells = { name, employees, segment, tier, website };
  if (!first) accountCells.set(opportunity.accountId, account);
  return { opportunity, ownerName, account };
}
