// Required 7 skill 2: a custom deck on every opportunity over the segment's amount.
import { isBlank, isOpen, type OpportunityRule } from "./rule.ts";

export const deckMissing: OpportunityRule = {
  id: "deck-missing",
  skill: "custom-deck",
  recordType: "opportunity",
  applies: (opp, { thresholds }) => isOpen(opp) && opp.amount !== null && opp.amount > thresholds.deckAmount,
  check: (opp, { settings }) =>
    isBlank(opp.deckUrl) ? { amount: opp.amount, currency: opp.currency ?? settings.currency } : null,
};
