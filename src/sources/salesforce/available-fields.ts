// The domain fields a described org has, and the config key that maps a missing one: what turns a
// rule on or off on Salesforce.
import { availableFieldsOf } from "../crm/available-fields.ts";
import type { AvailableFields } from "../source.ts";
import { DOMAIN_OBJECT, type SalesforceObject } from "./field-map.ts";
import { type FieldResolution, fieldMapKey } from "./resolve-field-map.ts";

/** The domain fields the org has ("opportunity.deckUrl", "rep.segment"), and the key that maps a missing one. */
export function availableFields(resolution: FieldResolution): AvailableFields {
  return availableFieldsOf<SalesforceObject>(resolution, {
    domainObject: DOMAIN_OBJECT,
    mapKey: fieldMapKey,
    crmObject: (object) => (object === "rep" ? "user" : object) as SalesforceObject,
  });
}
