// Required 7 skill 7: opportunities kept up to date: a close date still ahead, and one record per deal.
import { daysBetween } from "../dates.ts";
import { isOpen, type OpportunityRule } from "./rule.ts";

export const closeDatePassed: OpportunityRule = {
  id: "close-date-passed",
  skill: "up-to-date",
  recordType: "opportunity",
  applies: isOpen,
  check: (opp, { today }) =>
    opp.closeDate < today ? { date: opp.closeDate, days: daysBetween(opp.closeDate, today) } : null,
};

/** Found across the account's opportunities before the rules run (see duplicates.ts). */
export const possibleDuplicate: OpportunityRule = {
  id: "possible-duplicate",
  skill: "up-to-date",
  recordType: "opportunity",
  applies: isOpen,
  check: (opp, { duplicatesOf }) => {
    const duplicates = duplicatesOf(opp.id);
    return duplicates ? { duplicates } : null;
  },
};
