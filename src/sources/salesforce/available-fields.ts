// The domain fields a described org has, in the names rules use, and the config key that maps a
// missing one: what turns a rule on or off on Salesforce.
import type { AvailableFields } from "../source.ts";
import { DOMAIN_OBJECT, type SalesforceObject } from "./field-map.ts";
import { type FieldResolution, fieldMapKey } from "./resolve-field-map.ts";

/** The domain fields the org has ("opportunity.deckUrl", "rep.segment"), and the key that maps a missing one. */
export function availableFields(resolution: FieldResolution): AvailableFields {
  const fields = new Set<string>();
  const keys = new Map<string, string>();
  for (const object of Object.keys(resolution.map) as SalesforceObject[]) {
    for (const field of Object.keys(resolution.map[object])) fields.add(`${DOMAIN_OBJECT[object]}.${field}`);
  }
  for (const problem of [...resolution.missing, ...resolution.wrongKind]) {
    keys.set(
      `${DOMAIN_OBJECT[problem.object]}.${problem.domainField}`,
      fieldMapKey(problem.object, problem.domainField),
    );
  }
  return {
    fields,
    hint: (field) => {
      const [object = "", name = ""] = field.split(".");
      const key = keys.get(field) ?? `salesforce.fieldMap.${object === "rep" ? "user" : object}.${name}`;
      return `map ${key}`;
    },
  };
}
