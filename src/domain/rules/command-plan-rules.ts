// Required 7 skill 6: the command plan, its overview over an amount and in full over an iACV.
import {
  COMMAND_PLAN_FIELDS,
  COMMAND_PLAN_OVERVIEW_FIELDS,
  type CommandPlanField,
  type Opportunity,
} from "../model.ts";
import { isBlank, isChannelManaged, isOpen, type OpportunityRule } from "./rule.ts";

export const COMMAND_PLAN_LABELS: Record<CommandPlanField, string> = {
  whyDoAnything: "Why Do Anything",
  whyNow: "Why Now",
  whyUs: "Why Us",
  closePlan: "Close Plan",
  identifyPain: "Identify Pain",
  metrics: "Metrics",
  economicBuyer: "Economic Buyer",
  decisionCriteria: "Decision Criteria",
  decisionProcess: "Decision Process",
  champion: "Champion",
  competition: "Competition",
};

/** The empty ones among the fields the source has: an org without "Metrics" is not told to fill it. */
function emptyFields(
  opp: Opportunity,
  fields: readonly CommandPlanField[],
  has: (field: string) => boolean,
): string[] {
  return fields
    .filter((field) => has(`opportunity.${field}`) && isBlank(opp.commandPlan[field]))
    .map((field) => COMMAND_PLAN_LABELS[field]);
}

export const commandPlanOverviewMissing: OpportunityRule = {
  id: "command-plan-overview-missing",
  skill: "command-plan",
  recordType: "opportunity",
  applies: (opp, { thresholds }) =>
    isOpen(opp) && !isChannelManaged(opp) && opp.amount !== null && opp.amount > thresholds.commandPlanAmount,
  check(opp, { has }) {
    const missing = emptyFields(opp, COMMAND_PLAN_OVERVIEW_FIELDS, has);
    return missing.length > 0 ? { missing, amount: opp.amount } : null;
  },
};

export const commandPlanIncomplete: OpportunityRule = {
  id: "command-plan-incomplete",
  skill: "command-plan",
  recordType: "opportunity",
  applies: (opp, { thresholds }) =>
    isOpen(opp) && !isChannelManaged(opp) && opp.iacv !== null && opp.iacv > thresholds.fullCommandPlanIacv,
  check(opp, { has, settings }) {
    const missing = emptyFields(opp, COMMAND_PLAN_FIELDS, has);
    return missing.length > 0
      ? { missing, amount: opp.iacv, currency: opp.currency ?? settings.currency }
      : null;
  },
};
