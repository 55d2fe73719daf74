// Required 7 skill 3: how the customer heard of us, and why we won or lost.
import { daysBetween } from "../dates.ts";
import { isBlank, isOpen, type OpportunityRule } from "./rule.ts";

export const sourceMissing: OpportunityRule = {
  id: "source-missing",
  skill: "key-information",
  recordType: "opportunity",
  applies: isOpen,
  check: (opp) => (isBlank(opp.howHeard) ? {} : null),
};

export const closedReasonMissing: OpportunityRule = {
  id: "closed-reason-missing",
  skill: "key-information",
  recordType: "opportunity",
  // A close date after today on a closed record is a data slip, but the deal did close recently.
  applies: (opp, { today, settings }) =>
    opp.isClosed && daysBetween(opp.closeDate, today) <= settings.closedReasonDays,
  check: (opp) => (isBlank(opp.closedReason) ? { date: opp.closeDate, won: opp.isWon } : null),
};
