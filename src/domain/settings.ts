// The thresholds and word lists the rules read; defaults are the handbook's, every one configurable.
import type { RuleId } from "./findings.ts";
import type { Segment } from "./model.ts";

export interface SegmentThresholds {
  /** deck-missing fires when the amount is strictly above this. */
  deckAmount: number;
  /** command-plan-overview-missing fires when the amount is strictly above this. */
  commandPlanAmount: number;
  /** command-plan-incomplete fires when the iACV is strictly above this. */
  fullCommandPlanIacv: number;
  /** activity-missing fires when the last activity is more than this many days ago. */
  activityDays: number;
  /** segment-mismatch: the segment's employee range, `min` inclusive and `below` exclusive. */
  employeesMin: number;
  employeesBelow: number | null;
}

export interface RuleSettings {
  segments: Record<Segment, SegmentThresholds>;
  /** A next step with fewer words than this is vague. */
  minNextStepWords: number;
  /** A next step made only of these phrases is vague. */
  vaguePhrases: string[];
  /** closed-reason-missing looks at opportunities closed within this many days. */
  closedReasonDays: number;
  /** Stages in the handbook's priority order, most urgent first. */
  stageOrder: string[];
  disabledRules: RuleId[];
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  segments: {
    SMB: {
      deckAmount: 5_000,
      commandPlanAmount: 5_000,
      fullCommandPlanIacv: 10_000,
      activityDays: 14,
      employeesMin: 0,
      employeesBelow: 100,
    },
    MM: {
      deckAmount: 10_000,
      commandPlanAmount: 10_000,
      fullCommandPlanIacv: 20_000,
      activityDays: 14,
      employeesMin: 100,
      employeesBelow: 2_000,
    },
  },
  minNextStepWords: 3,
  vaguePhrases: ["follow up", "tbd", "n/a", "check in", "waiting", "pending", "none"],
  closedReasonDays: 30,
  stageOrder: [
    "6-Awaiting Signature",
    "5-Negotiating",
    "4-Proposal",
    "3-Technical Evaluation",
    "2-Scoping",
    "1-Discovery",
    "0-Pending Acceptance",
    "00-Pre Opportunity",
  ],
  disabledRules: [],
};
