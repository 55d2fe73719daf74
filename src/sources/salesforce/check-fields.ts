// Checks the field map against the org: describes Opportunity, Account and User and lists every
// mapped field (or relationship path) that does not exist.
import { type FieldMap, type SalesforceObject, SOBJECT_NAMES } from "./field-map.ts";
import type { SalesforceClient } from "./salesforce-client.ts";

interface Described {
  fields: { name: string; relationshipName: string | null; referenceTo: string[] }[];
}

export interface MissingField {
  object: string;
  domainField: string;
  path: string;
}

export async function findMissingFields(client: SalesforceClient, map: FieldMap): Promise<MissingField[]> {
  const described = new Map<string, Described>();
  const describe = async (sobject: string) => {
    let found = described.get(sobject);
    if (!found) {
      found = await client.describe(sobject);
      described.set(sobject, found);
    }
    return found;
  };
  const exists = async (sobject: string, path: string): Promise<boolean> => {
    const [head, ...rest] = path.split(".");
    const fields = (await describe(sobject)).fields;
    if (rest.length === 0) return fields.some((field) => field.name.toLowerCase() === head?.toLowerCase());
    const relation = fields.find((field) => field.relationshipName?.toLowerCase() === head?.toLowerCase());
    const target = relation?.referenceTo[0];
    return target ? exists(target, rest.join(".")) : false;
  };
  const missing: MissingField[] = [];
  for (const object of Object.keys(map) as SalesforceObject[]) {
    for (const [domainField, path] of Object.entries(map[object])) {
      if (!(await exists(SOBJECT_NAMES[object], path)))
        missing.push({ object: SOBJECT_NAMES[object], domainField, path });
    }
  }
  return missing;
}
