// Required 7 skill 4: call notes logged, seen through the opportunity's last activity date.
import { daysBetween } from "../dates.ts";
import { isOpen, type OpportunityRule } from "./rule.ts";

export const activityMissing: OpportunityRule = {
  id: "activity-missing",
  skill: "call-notes",
  recordType: "opportunity",
  applies: isOpen,
  check(opp, { today, thresholds }) {
    if (!opp.lastActivityDate) return { date: null, days: null };
    const days = daysBetween(opp.lastActivityDate, today);
    return days > thresholds.activityDays ? { date: opp.lastActivityDate, days } : null;
  },
};
