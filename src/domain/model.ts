// The pipeline as the rules see it: reps, accounts and opportunities, whatever CRM they came from.
import type { RateTable } from "./money.ts";

export const SEGMENTS = ["SMB", "MM"] as const;
export type Segment = (typeof SEGMENTS)[number];
/** Enterprise accounts are outside this team: left out of every rule, and never read as SMB. */
export type AccountSegment = Segment | "Enterprise";

export const ROLES = ["ae", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ["1", "1.5", "2", "3"] as const;
export type Tier = (typeof TIERS)[number];

/** A calendar date as `YYYY-MM-DD`; compared as strings, which orders them correctly. */
export type IsoDate = string;

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Rep {
  email: string;
  name: string;
  /** As recorded; null when the source has none (the segment most of the rep's accounts have is used). */
  segment: Segment | null;
  timezone: string;
  /**
   * Set when the CRM records no time zone for the rep: "default" as the source gives it (until it
   * is filled), "slack" once taken from the rep's Slack profile.
   */
  timezoneSource?: "default" | "slack" | undefined;
  managerEmail: string | null;
  role: Role;
  startDate: IsoDate | null;
  /** ISO 3166-1 alpha-2, optionally with a region (`US-CA`, `DE-BY`): whose public holidays apply. */
  country?: string | undefined;
  /** The rep's own working days, overriding the configured ones (a part-timer's `Mon-Thu`). */
  workingDays?: Weekday[] | undefined;
}

export interface Account {
  id: string;
  name: string;
  ownerEmail: string;
  /** As recorded; null when the source has none (derived from `employees`, see segments.ts). */
  segment: AccountSegment | null;
  /** Set when the segment was derived rather than recorded: segment-mismatch has nothing to check. */
  segmentDerived?: boolean | undefined;
  employees: number | null;
  tier: Tier | null;
  potentialUsers: number | null;
  tierNotes: string | null;
  /** The company's web address as recorded (`https://www.acme.com/en/`); what support tickets are matched by. */
  website?: string | null | undefined;
}

/** The command plan fields of the handbook, in the order a rep fills them in. */
export const COMMAND_PLAN_OVERVIEW_FIELDS = ["whyDoAnything", "whyNow", "whyUs", "closePlan"] as const;
export const COMMAND_PLAN_FIELDS = [
  ...COMMAND_PLAN_OVERVIEW_FIELDS,
  "identifyPain",
  "metrics",
  "economicBuyer",
  "decisionCriteria",
  "decisionProcess",
  "champion",
  "competition",
] as const;
export type CommandPlanField = (typeof COMMAND_PLAN_FIELDS)[number];

export interface Opportunity {
  id: string;
  name: string;
  accountId: string;
  ownerEmail: string;
  stage: string;
  isClosed: boolean;
  isWon: boolean;
  amount: number | null;
  iacv: number | null;
  /** ISO 4217 code of `amount` and `iacv`; absent means the configured currency. */
  currency?: string | undefined;
  /** The record's own money when `amount` and `iacv` were converted into the configured currency. */
  original?: { currency: string; amount: number | null } | undefined;
  closeDate: IsoDate;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
  deckUrl: string | null;
  lastActivityDate: IsoDate | null;
  howHeard: string | null;
  closedReason: string | null;
  commandPlan: Record<CommandPlanField, string | null>;
  /** A link to the record in the CRM, when the source knows one. */
  url?: string | undefined;
}

/** Everything one scan reads from a source. */
export interface Snapshot {
  reps: Rep[];
  accounts: Account[];
  opportunities: Opportunity[];
  /** The CRM's own stage order, most advanced first, when it has one (Salesforce's OpportunityStage). */
  stageOrder?: string[] | undefined;
  /** Conversion rates, when records come in more than one currency. */
  rates?: RateTable | undefined;
}
