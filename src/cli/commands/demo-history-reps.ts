// How the sample team behaves in `nudgebot demo --history`: how often and how fast reps fix what
// they were nudged about (and what nobody nudged them about), what a fix changes in the CRM, and
// the seeded draws that make every run play the same month.
import { addDays } from "../../domain/dates.ts";
import type { PipelineEvaluation } from "../../domain/evaluate.ts";
import type { RuleId } from "../../domain/findings.ts";
import { COMMAND_PLAN_FIELDS, type Snapshot } from "../../domain/model.ts";

/**
 * How reps respond to a nudge, per rule: the chance they fix it, and after how many working days;
 * and `alone`, the chance they fix a finding nobody nudged them about (the holdout's arm), over
 * the same days. Where `alone` is well below `fix`, nudges work; activity-missing is ignored either way.
 */
export const BEHAVIOUR: Record<RuleId, { fix: number; alone: number; days: [number, number] }> = {
  "next-step-missing": { fix: 0.85, alone: 0.2, days: [0, 2] },
  "next-step-overdue": { fix: 0.8, alone: 0.2, days: [0, 3] },
  "next-step-vague": { fix: 0.7, alone: 0.15, days: [1, 3] },
  "deck-missing": { fix: 0.75, alone: 0.2, days: [0, 4] },
  "command-plan-overview-missing": { fix: 0.8, alone: 0.2, days: [0, 3] },
  "command-plan-incomplete": { fix: 0.7, alone: 0.15, days: [1, 4] },
  "source-missing": { fix: 0.9, alone: 0.25, days: [0, 2] },
  "closed-reason-missing": { fix: 0.85, alone: 0.3, days: [0, 2] },
  "activity-missing": { fix: 0.15, alone: 0.15, days: [2, 8] }, // the rule reps mostly ignore: noisy
  "close-date-passed": { fix: 0.75, alone: 0.2, days: [0, 3] },
  "account-unranked": { fix: 0.7, alone: 0.15, days: [0, 3] },
  "account-tier-details-missing": { fix: 0.7, alone: 0.15, days: [0, 3] },
  "segment-mismatch": { fix: 0.4, alone: 0.3, days: [3, 9] },
  "possible-duplicate": { fix: 0.8, alone: 0.3, days: [0, 2] }, // closing a duplicate takes a minute
};

/** mulberry32: a small seeded generator, so every run plays the same month. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

export function afterWorkingDays(date: string, days: number): string {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    if (!isWeekend(day)) left -= 1;
  }
  return day;
}

/** What the rep changes in the CRM so that the rule no longer fires on the record. */
export function fix(data: Snapshot, rule: RuleId, recordId: string, today: string): void {
  const opp = data.opportunities.find((candidate) => candidate.id === recordId);
  const account = data.accounts.find((candidate) => candidate.id === recordId);
  if (opp) {
    if (rule.startsWith("next-step")) {
      opp.nextStep = "Pricing review with their CFO and champion";
      opp.nextStepDate = addDays(today, 7);
    } else if (rule === "deck-missing") opp.deckUrl = `https://decks.example.com/${recordId}`;
    else if (rule.startsWith("command-plan"))
      for (const field of COMMAND_PLAN_FIELDS) opp.commandPlan[field] ??= "Written up after discovery";
    else if (rule === "source-missing") opp.howHeard = "Referral";
    else if (rule === "closed-reason-missing") opp.closedReason = "Chose a competitor";
    else if (rule === "activity-missing") opp.lastActivityDate = today;
    else if (rule === "close-date-passed") opp.closeDate = addDays(today, 30);
    else if (rule === "possible-duplicate") {
      opp.isClosed = true;
      opp.closedReason = "Duplicate opportunity";
    }
  }
  if (account) {
    if (rule === "account-unranked") {
      account.tier = "2";
      account.tierNotes = "Ranked in the weekly review";
    } else if (rule === "account-tier-details-missing") {
      account.potentialUsers ??= 40;
      account.tierNotes ??= "Ranked in the weekly review";
    } else if (rule === "segment-mismatch") account.employees = account.segment === "SMB" ? 40 : 400;
  }
}

/** An opportunity flagged as a possible duplicate and the others its finding names. */
export function disputedDeal(evaluation: PipelineEvaluation, recordId: string): Set<string> {
  for (const owner of evaluation.owners.values())
    for (const group of owner.records)
      for (const finding of group.findings)
        if (finding.rule === "possible-duplicate" && finding.recordId === recordId)
          return new Set([recordId, ...(finding.facts.duplicates?.of ?? []).map((other) => other.id)]);
  return new Set([recordId]);
}
