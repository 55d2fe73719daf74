// Which Salesforce field feeds each domain field. The defaults are SPEC's; every entry can be
// overridden in the config so any org's custom fields fit.
import { COMMAND_PLAN_FIELDS } from "../../domain/model.ts";

export const DEFAULT_FIELD_MAP = {
  opportunity: {
    id: "Id",
    name: "Name",
    accountId: "AccountId",
    ownerEmail: "Owner.Email",
    stage: "StageName",
    isClosed: "IsClosed",
    isWon: "IsWon",
    amount: "Amount",
    iacv: "IACV__c",
    closeDate: "CloseDate",
    nextStep: "NextStep",
    nextStepDate: "Next_Step_Date__c",
    deckUrl: "Link_to_Custom_Pitch_Deck__c",
    lastActivityDate: "LastActivityDate",
    howHeard: "How_Heard__c",
    closedReason: "Closed_Reason__c",
    whyDoAnything: "Why_Do_Anything__c",
    whyNow: "Why_Now__c",
    whyUs: "Why_Us__c",
    closePlan: "Close_Plan__c",
    identifyPain: "Identify_Pain__c",
    metrics: "Metrics__c",
    economicBuyer: "Economic_Buyer__c",
    decisionCriteria: "Decision_Criteria__c",
    decisionProcess: "Decision_Process__c",
    champion: "Champion__c",
    competition: "Competition__c",
  },
  account: {
    id: "Id",
    name: "Name",
    ownerEmail: "Owner.Email",
    employees: "NumberOfEmployees",
    segment: "Segment__c",
    tier: "Tier__c",
    potentialUsers: "Potential_Users__c",
    tierNotes: "Tier_Notes__c",
  },
  user: {
    email: "Email",
    name: "Name",
    timezone: "TimeZoneSidKey",
    managerEmail: "Manager.Email",
    segment: "Segment__c",
    role: "Nudge_Role__c",
    startDate: "Start_Date__c",
  },
} as const;

export type SalesforceObject = keyof typeof DEFAULT_FIELD_MAP;
export type FieldMap = { [O in SalesforceObject]: Record<keyof (typeof DEFAULT_FIELD_MAP)[O], string> };

export const SOBJECT_NAMES: Record<SalesforceObject, string> = {
  opportunity: "Opportunity",
  account: "Account",
  user: "User",
};

/** A field or relationship path, safe to put in SOQL as it is: `Amount`, `Owner.Email`. */
export const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,2}$/;

export const COMMAND_PLAN_KEYS: readonly string[] = COMMAND_PLAN_FIELDS;

export function mergeFieldMap(
  overrides: { [O in SalesforceObject]?: Partial<Record<string, string>> },
): FieldMap {
  return {
    opportunity: { ...DEFAULT_FIELD_MAP.opportunity, ...overrides.opportunity },
    account: { ...DEFAULT_FIELD_MAP.account, ...overrides.account },
    user: { ...DEFAULT_FIELD_MAP.user, ...overrides.user },
  } as FieldMap;
}
