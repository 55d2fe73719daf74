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
  /**
   * Stages most urgent first; null takes the CRM's own order (Salesforce's stage sort order, or a
   * leading number in the stage name).
   */
  stageOrder: string[] | null;
  disabledRules: RuleId[];
  /** Accounts with neither a recorded segment nor an employee count are in this segment. */
  defaultSegment: Segment;
  /** ISO 4217 code every threshold is in; amounts in other currencies are converted first. */
  currency: string;
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
  stageOrder: null,
  disabledRules: [],
  defaultSegment: "SMB",
  currency: "USD",
};
