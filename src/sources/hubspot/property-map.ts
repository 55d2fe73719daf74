// Which HubSpot property feeds each domain field (SPEC Part 3, "HubSpot data source"). An entry is
// a property, a list of candidates (the first the portal has wins) or null. A stock portal has the
// standard properties; the handbook's custom ones (iacv, the command plan …) turn their rules on
// once the portal has them.
import { COMMAND_PLAN_FIELDS } from "../../domain/model.ts";
import {
  type CandidateMap,
  type FieldSpec,
  firstCandidatesOf,
  mergeCandidateMap,
  type ResolvedMap,
} from "../crm/field-map.ts";
import type { FieldKind } from "../crm/resolve-fields.ts";

const snake = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export const DEFAULT_PROPERTY_MAP = {
  deal: {
    id: "hs_object_id",
    name: "dealname",
    stage: "dealstage",
    pipeline: "pipeline",
    ownerEmail: "hubspot_owner_id",
    amount: "amount",
    /** The amount in the portal's currency, HubSpot's own conversion. */
    amountInHomeCurrency: "amount_in_home_currency",
    currency: "deal_currency_code",
    iacv: "iacv",
    closeDate: "closedate",
    nextStep: "hs_next_step",
    nextStepDate: ["next_step_date", "notes_next_activity_date"],
    deckUrl: "link_to_custom_pitch_deck",
    lastActivityDate: ["hs_last_sales_activity_timestamp", "notes_last_updated"],
    howHeard: ["how_heard", "hs_analytics_source"],
    /** Lost deals' reason; won deals read `closedWonReason`. */
    closedReason: "closed_lost_reason",
    closedWonReason: "closed_won_reason",
    lastModified: "hs_lastmodifieddate",
    ...Object.fromEntries(COMMAND_PLAN_FIELDS.map((field) => [field, snake(field)])),
  } as Record<string, FieldSpec>,
  company: {
    id: "hs_object_id",
    name: "name",
    ownerEmail: "hubspot_owner_id",
    employees: "numberofemployees",
    segment: "segment",
    tier: ["tier", "hs_ideal_customer_profile"],
    potentialUsers: "potential_users",
    tierNotes: "tier_notes",
    website: "domain",
  } as Record<string, FieldSpec>,
};

export type HubspotObject = keyof typeof DEFAULT_PROPERTY_MAP;
export type PropertyMap = CandidateMap<HubspotObject>;
export type ResolvedPropertyMap = ResolvedMap<HubspotObject>;

export const OBJECT_PATHS: Record<HubspotObject, string> = { deal: "deals", company: "companies" };
export const DOMAIN_OBJECT: Record<HubspotObject, string> = { deal: "opportunity", company: "account" };
export const crmObjectOf = (domain: string): HubspotObject => (domain === "account" ? "company" : "deal");

/** Properties a record cannot be read without. */
export const REQUIRED_PROPERTIES: Record<HubspotObject, readonly string[]> = {
  deal: ["id", "name", "stage", "ownerEmail"],
  company: ["id", "name"],
};

const NUMBER: FieldKind = { kind: "a number", types: ["number"] };
const DATE: FieldKind = { kind: "a date", types: ["date", "datetime"] };
export const PROPERTY_KINDS: Record<string, FieldKind> = {
  amount: NUMBER,
  amountInHomeCurrency: NUMBER,
  iacv: NUMBER,
  employees: NUMBER,
  potentialUsers: NUMBER,
  closeDate: DATE,
  nextStepDate: DATE,
  lastActivityDate: DATE,
  lastModified: DATE,
};

/** A HubSpot internal property name, as the config may give one. */
export const PROPERTY_NAME = /^[a-z][a-z0-9_]*$/;

export function mergePropertyMap(
  overrides: Partial<Record<HubspotObject, Partial<Record<string, FieldSpec>>>>,
) {
  return mergeCandidateMap<HubspotObject>(DEFAULT_PROPERTY_MAP, overrides);
}

export const firstProperties = (map: PropertyMap): ResolvedPropertyMap => firstCandidatesOf(map);

/** The config key for a domain field: `hubspot.propertyMap.deal.deckUrl`. */
export const propertyMapKey = (object: HubspotObject, field: string) =>
  `hubspot.propertyMap.${object}.${field}`;
