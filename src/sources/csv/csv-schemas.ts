// The three CSV files of SPEC, row by row: columns, and how each cell becomes a domain value.
import { z } from "zod";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  type Opportunity,
  type Rep,
  ROLES,
  SEGMENTS,
  TIERS,
} from "../../domain/model.ts";
import {
  oneOf,
  optionalCount,
  optionalDate,
  optionalEmail,
  optionalNumber,
  optionalText,
  required,
  requiredBoolean,
  requiredDate,
  requiredEmail,
  requiredText,
  requiredTimezone,
} from "./csv-fields.ts";

export const repRow = z
  .object({
    email: requiredEmail,
    name: requiredText,
    segment: required(oneOf(SEGMENTS)),
    timezone: requiredTimezone,
    managerEmail: optionalEmail,
    role: required(oneOf(ROLES)),
    startDate: optionalDate,
  })
  .transform((row): Rep => row);

export const accountRow = z
  .object({
    id: requiredText,
    name: requiredText,
    ownerEmail: requiredEmail,
    segment: required(oneOf(SEGMENTS)),
    employees: optionalCount,
    tier: oneOf(TIERS),
    potentialUsers: optionalCount,
    tierNotes: optionalText,
  })
  .transform((row): Account => row);

const commandPlanShape = Object.fromEntries(
  COMMAND_PLAN_FIELDS.map((field) => [field, optionalText]),
) as Record<(typeof COMMAND_PLAN_FIELDS)[number], typeof optionalText>;

export const opportunityRow = z
  .object({
    id: requiredText,
    name: requiredText,
    accountId: requiredText,
    ownerEmail: requiredEmail,
    stage: requiredText,
    isClosed: requiredBoolean,
    isWon: requiredBoolean,
    amount: optionalNumber,
    iacv: optionalNumber,
    closeDate: requiredDate,
    nextStep: optionalText,
    nextStepDate: optionalDate,
    deckUrl: optionalText,
    lastActivityDate: optionalDate,
    howHeard: optionalText,
    closedReason: optionalText,
    ...commandPlanShape,
  })
  .transform((row): Opportunity => {
    const commandPlan = {} as Opportunity["commandPlan"];
    for (const field of COMMAND_PLAN_FIELDS) commandPlan[field] = row[field];
    return {
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
      commandPlan,
    };
  });

export const REP_COLUMNS = Object.keys(repRow.in.shape);
export const ACCOUNT_COLUMNS = Object.keys(accountRow.in.shape);
export const OPPORTUNITY_COLUMNS = Object.keys(opportunityRow.in.shape);
