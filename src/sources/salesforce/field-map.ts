// Which Salesforce field feeds each domain field. An entry is a path, a list of candidate paths (the
// first one the org has wins) or null (not mapped). Defaults are the handbook team's custom fields,
// then the standard equivalent where one exists, so a stock org works without any mapping.
import { COMMAND_PLAN_FIELDS } from "../../domain/model.ts";
import { type FieldSpec, firstCandidatesOf, mergeCandidateMap } from "../crm/field-map.ts";
import type { FieldKind } from "../crm/resolve-fields.ts";

export type { FieldSpec } from "../crm/field-map.ts";

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
    howHeard: ["How_Heard__c", "LeadSource"],
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
    /** Only in multi-currency orgs. */
    currency: "CurrencyIsoCode",
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
    website: "Website",
  },
  user: {
    email: "Email",
    name: "Name",
    timezone: "TimeZoneSidKey",
    managerEmail: "Manager.Email",
    segment: "Segment__c",
    role: "Nudge_Role__c",
    startDate: ["Start_Date__c", "CreatedDate"],
    // Where the rep's public holidays come from (orgs with state and country picklists).
    country: "CountryCode",
    region: "StateCode",
  },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type SalesforceObject = keyof typeof DEFAULT_FIELD_MAP;
export type FieldName<O extends SalesforceObject> = keyof (typeof DEFAULT_FIELD_MAP)[O] & string;

/** Candidates per domain field, in order; an empty list means not mapped. */
export type FieldMap = { [O in SalesforceObject]: Record<FieldName<O>, readonly string[]> };

/** The path each domain field is read from in this org; absent when the org has none of its candidates. */
export type ResolvedFieldMap = { [O in SalesforceObject]: Partial<Record<FieldName<O>, string>> };

export const SOBJECT_NAMES: Record<SalesforceObject, string> = {
  opportunity: "Opportunity",
  account: "Account",
  user: "User",
};

/** The domain object a Salesforce object feeds, as availability names fields ("rep.segment"). */
export const DOMAIN_OBJECT: Record<SalesforceObject, string> = {
  opportunity: "opportunity",
  account: "account",
  user: "rep",
};

/** Fields a record cannot be read without: a scan stops with a clear error when one is missing. */
export const REQUIRED_FIELDS: { [O in SalesforceObject]: readonly FieldName<O>[] } = {
  opportunity: ["id", "name", "ownerEmail", "stage", "isClosed", "isWon", "closeDate"],
  account: ["id", "name", "ownerEmail"],
  user: ["email", "name"],
};

/** What kind of Salesforce field a domain field can be read from (describe's `type`). */
export const FIELD_KINDS: Record<string, FieldKind> = {
  amount: { kind: "a number", types: ["currency", "double", "int", "long", "percent"] },
  iacv: { kind: "a number", types: ["currency", "double", "int", "long", "percent"] },
  employees: { kind: "a number", types: ["currency", "double", "int", "long", "percent"] },
  potentialUsers: { kind: "a number", types: ["currency", "double", "int", "long", "percent"] },
  closeDate: { kind: "a date", types: ["date", "datetime"] },
  nextStepDate: { kind: "a date", types: ["date", "datetime"] },
  lastActivityDate: { kind: "a date", types: ["date", "datetime"] },
  startDate: { kind: "a date", types: ["date", "datetime"] },
  isClosed: { kind: "a checkbox", types: ["boolean"] },
  isWon: { kind: "a checkbox", types: ["boolean"] },
};

/** A field or relationship path, safe to put in SOQL as it is: `Amount`, `Owner.Email`. */
export const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,2}$/;

export const COMMAND_PLAN_KEYS: readonly string[] = COMMAND_PLAN_FIELDS;

export function mergeFieldMap(
  overrides: {
    [O in SalesforceObject]?: Partial<Record<string, FieldSpec>>;
  },
): FieldMap {
  return mergeCandidateMap<SalesforceObject>(DEFAULT_FIELD_MAP, overrides) as FieldMap;
}

/** A field map where every first candidate is taken as it is, for tests and benchmarks that need no describe. */
export function firstCandidates(map: FieldMap): ResolvedFieldMap {
  return firstCandidatesOf<SalesforceObject>(map) as ResolvedFieldMap;
}
