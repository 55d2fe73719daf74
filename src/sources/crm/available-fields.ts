// The domain fields a described CRM has, in the names rules use ("opportunity.deckUrl",
// "rep.segment"), and the config key that maps a missing one: what turns a rule on or off.
import type { AvailableFields } from "../source.ts";
import type { Resolution } from "./resolve-fields.ts";

export interface AvailabilityNames<O extends string> {
  /** The domain object each CRM object feeds: Salesforce's `user` feeds `rep`. */
  domainObject: Readonly<Record<O, string>>;
  /** The config key that maps a field of a CRM object: `salesforce.fieldMap.opportunity.deckUrl`. */
  mapKey(object: O, domainField: string): string;
  /** The CRM object a domain object comes from, for fields no candidate was ever given for. */
  crmObject(domainObject: string): O;
}

export function availableFieldsOf<O extends string>(
  resolution: Resolution<O>,
  names: AvailabilityNames<O>,
): AvailableFields {
  const fields = new Set<string>();
  const keys = new Map<string, string>();
  for (const object of Object.keys(resolution.map) as O[]) {
    for (const field of Object.keys(resolution.map[object]))
      fields.add(`${names.domainObject[object]}.${field}`);
  }
  for (const problem of [...resolution.missing, ...resolution.wrongKind]) {
    keys.set(
      `${names.domainObject[problem.object]}.${problem.domainField}`,
      names.mapKey(problem.object, problem.domainField),
    );
  }
  return {
    fields,
    hint: (field) => {
      const [object = "", name = ""] = field.split(".");
      return `map ${keys.get(field) ?? names.mapKey(names.crmObject(object), name)}`;
    },
  };
}
