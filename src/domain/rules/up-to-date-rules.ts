// Required 7 skill 7: opportunities kept up to date, starting with a close date still ahead.
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
