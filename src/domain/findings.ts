// Rule ids, the Required 7 skills they belong to, and the finding a rule reports.
import type { DuplicateFacts } from "./duplicates.ts";
import type { IsoDate } from "./model.ts";

export const SKILLS = [
  { id: "account-ranking", number: 1, title: "Account ranking" },
  { id: "custom-deck", number: 2, title: "Custom deck" },
  { id: "key-information", number: 3, title: "Key information" },
  { id: "call-notes", number: 4, title: "Call notes" },
  { id: "next-steps", number: 5, title: "Next steps" },
  { id: "command-plan", number: 6, title: "Command plan" },
  { id: "up-to-date", number: 7, title: "Up to date" },
] as const;
export type SkillId = (typeof SKILLS)[number]["id"];

/** Stable ids: they key the ledger, snoozes and messages. Never rename one. */
export const RULE_IDS = [
  "next-step-missing",
  "next-step-overdue",
  "next-step-vague",
  "deck-missing",
  "command-plan-overview-missing",
  "command-plan-incomplete",
  "source-missing",
  "closed-reason-missing",
  "activity-missing",
  "close-date-passed",
  "account-unranked",
  "account-tier-details-missing",
  "segment-mismatch",
  "possible-duplicate",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type RecordType = "opportunity" | "account";

/** What a rule saw, so the message can say exactly what is wrong. */
export interface FindingFacts {
  missing?: string[];
  date?: IsoDate | null;
  days?: number | null;
  amount?: number | null;
  /** ISO code of `amount`: the configured currency (amounts are converted before thresholds). */
  currency?: string;
  text?: string;
  tier?: string;
  employees?: number;
  segment?: string;
  won?: boolean;
  /** possible-duplicate: the other opportunities on the account that look like the same deal. */
  duplicates?: DuplicateFacts;
}

export interface Finding {
  rule: RuleId;
  skill: SkillId;
  recordType: RecordType;
  recordId: string;
  recordName: string;
  owner: string;
  facts: FindingFacts;
}
