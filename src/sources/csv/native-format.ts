// The three CSV files of SPEC, row by row: columns, and how each cell becomes a domain value.

import { parseWorkingDays } from "../../domain/calendar.ts";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  type CommandPlanField,
  type Opportunity,
  type Rep,
  ROLES,
  SEGMENTS,
  TIERS,
  type Weekday,
} from "../../domain/model.ts";
import { parseCountry } from "../../domain/public-holidays.ts";
import {
  count,
  email,
  INVALID,
  isoDate,
  oneOf,
  optional,
  plainNumber,
  required,
  text,
  timezone,
  trueOrFalse,
  type ValueParser,
} from "./cell-parsers.ts";
import { rowSpec } from "./row-spec.ts";

/** `US`, `GB`, `US-CA`: where the rep's public holidays come from (reps.csv `country`). */
const countryCode: ValueParser<string> = {
  expected: "a country code with public holidays, such as US, GB, JP or US-CA",
  parse: (value) => {
    const parsed = parseCountry(value);
    return "country" in parsed ? parsed.country : INVALID;
  },
};

/** `Mon-Thu`, `Mon,Wed,Fri`: the rep's own working days (reps.csv `workingDays`). */
const weekdays: ValueParser<Weekday[]> = {
  expected: "working days such as Mon-Fri, Mon-Thu or Mon,Wed,Fri",
  parse: (value) => {
    const parsed = parseWorkingDays(value);
    return "days" in parsed ? parsed.days : INVALID;
  },
};

export const repRow = rowSpec(
  {
    email: required(email),
    name: required(text),
    segment: required(oneOf(SEGMENTS)),
    timezone: required(timezone),
    managerEmail: optional(email),
    role: required(oneOf(ROLES)),
    startDate: optional(isoDate),
    country: optional(countryCode),
    workingDays: optional(weekdays),
  },
  (row): Rep => ({
    email: row.email,
    name: row.name,
    segment: row.segment,
    timezone: row.timezone,
    managerEmail: row.managerEmail,
    role: row.role,
    startDate: row.startDate,
    // Only when the file says: an absent value is not the same as an empty one in the domain.
    ...(row.country !== null ? { country: row.country } : {}),
    ...(row.workingDays !== null ? { workingDays: row.workingDays } : {}),
  }),
  ["country", "workingDays"],
);

export const accountRow = rowSpec(
  {
    id: required(text),
    name: required(text),
    ownerEmail: required(email),
    segment: required(oneOf(SEGMENTS)),
    employees: optional(count),
    tier: optional(oneOf(TIERS)),
    potentialUsers: optional(count),
    tierNotes: optional(text),
    website: optional(text),
  },
  (row): Account => ({
    id: row.id,
    name: row.name,
    ownerEmail: row.ownerEmail,
    segment: row.segment,
    employees: row.employees,
    tier: row.tier,
    potentialUsers: row.potentialUsers,
    tierNotes: row.tierNotes,
    ...(row.website !== null ? { website: row.website } : {}),
  }),
  // Added after the first release: older accounts.csv files read as before.
  ["website"],
);

const commandPlanCells = Object.fromEntries(COMMAND_PLAN_FIELDS.map((field) => [field, optional(text)])) as {
  [K in CommandPlanField]: ReturnType<typeof optional<string>>;
};

export const opportunityRow = rowSpec(
  {
    id: required(text),
    name: required(text),
    accountId: required(text),
    ownerEmail: required(email),
    stage: required(text),
    isClosed: required(trueOrFalse),
    isWon: required(trueOrFalse),
    amount: optional(plainNumber),
    iacv: optional(plainNumber),
    closeDate: required(isoDate),
    nextStep: optional(text),
    nextStepDate: optional(isoDate),
    deckUrl: optional(text),
    lastActivityDate: optional(isoDate),
    howHeard: optional(text),
    closedReason: optional(text),
    ...commandPlanCells,
  },
  (row): Opportunity => ({
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    ownerEmail: row.ownerEmail,
    stage: row.stage,
    isClosed: row.isClosed,
    isWon: row.isWon,
    amount: row.amount,
    iacv: row.iacv,
    closeDate: row.closeDate,
    nextStep: row.nextStep,
    nextStepDate: row.nextStepDate,
    deckUrl: row.deckUrl,
    lastActivityDate: row.lastActivityDate,
    howHeard: row.howHeard,
    closedReason: row.closedReason,
    commandPlan: {
      whyDoAnything: row.whyDoAnything,
      whyNow: row.whyNow,
      whyUs: row.whyUs,
      closePlan: row.closePlan,
      identifyPain: row.identifyPain,
      metrics: row.metrics,
      economicBuyer: row.economicBuyer,
      decisionCriteria: row.decisionCriteria,
      decisionProcess: row.decisionProcess,
      champion: row.champion,
      competition: row.competition,
    },
  }),
);

/** The columns reps.csv must have (country and workingDays may be left out). */
export const REP_COLUMNS = repRow.fields.filter((field) => !repRow.optionalColumns?.includes(field));
export const ACCOUNT_COLUMNS = accountRow.fields.filter(
  (field) => !accountRow.optionalColumns?.includes(field),
);
export const OPPORTUNITY_COLUMNS = [...opportunityRow.fields];
