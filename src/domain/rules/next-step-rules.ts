// Required 7 skill 5: next steps that are current, dated and specific enough to act on.
import { daysBetween } from "../dates.ts";
import { isBlank, isOpen, type OpportunityRule } from "./rule.ts";

export const nextStepMissing: OpportunityRule = {
  id: "next-step-missing",
  skill: "next-steps",
  recordType: "opportunity",
  applies: isOpen,
  check(opp, { has }) {
    const missing: string[] = [];
    if (isBlank(opp.nextStep)) missing.push("Next Step");
    // Without a next step date field, the next step alone is checked.
    if (has("opportunity.nextStepDate") && isBlank(opp.nextStepDate)) missing.push("Next Step Date");
    return missing.length > 0 ? { missing } : null;
  },
};

export const nextStepOverdue: OpportunityRule = {
  id: "next-step-overdue",
  skill: "next-steps",
  recordType: "opportunity",
  applies: isOpen,
  check(opp, { today }) {
    if (isBlank(opp.nextStepDate) || !opp.nextStepDate || opp.nextStepDate >= today) return null;
    return { date: opp.nextStepDate, days: daysBetween(opp.nextStepDate, today) };
  },
};

export const nextStepVague: OpportunityRule = {
  id: "next-step-vague",
  skill: "next-steps",
  recordType: "opportunity",
  applies: isOpen,
  check(opp, { isVague }) {
    if (!opp.nextStep || isBlank(opp.nextStep)) return null;
    return isVague(opp.nextStep) ? { text: opp.nextStep.trim() } : null;
  },
};

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, " ")
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A next step is vague when it has fewer than `minWords` words, or when nothing is left once
 * the stock phrases are taken out ("Follow up - TBD" says nothing a rep can act on).
 */
export function makeVaguenessCheck(phrases: string[], minWords: number): (nextStep: string) => boolean {
  const alternatives = phrases
    .map(normalise)
    .filter((phrase) => phrase !== "")
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const stock =
    alternatives.length > 0 ? new RegExp(`(?:^| )(?:${alternatives.join("|")})(?= |$)`, "g") : null;
  return (nextStep) => {
    const text = normalise(nextStep);
    const words = text === "" ? 0 : text.split(" ").length;
    if (words < minWords) return true;
    return stock !== null && text.replace(stock, "").trim() === "";
  };
}
