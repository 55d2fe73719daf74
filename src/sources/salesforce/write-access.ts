// What the org lets the bot's user write: describe's `updateable` for each mapped field of an
// opportunity or account, and a picklist's active values, so a fix offers only what will save.
import type { WriteAccess } from "../source.ts";
import { DOMAIN_OBJECT, type ResolvedFieldMap, SOBJECT_NAMES } from "./field-map.ts";
import { type Describe, type DescribedField, fieldAt } from "./resolve-field-map.ts";

const WRITABLE_OBJECTS = ["opportunity", "account"] as const;

export async function learnWriteAccess(describe: Describe, map: ResolvedFieldMap): Promise<WriteAccess> {
  const fields = new Map<string, { path: string; described: DescribedField | null }>();
  for (const object of WRITABLE_OBJECTS) {
    for (const [domainField, path] of Object.entries(map[object] as Record<string, string | undefined>)) {
      if (!path) continue;
      // A field read through a relationship (Owner.Email) is not the record's to write.
      const described = path.includes(".") ? null : await fieldAt(describe, SOBJECT_NAMES[object], path);
      fields.set(`${DOMAIN_OBJECT[object]}.${domainField}`, { path, described });
    }
  }
  return {
    updateable: (field) => {
      const described = fields.get(field)?.described;
      return described !== null && described !== undefined && described.updateable !== false;
    },
    choices: (field) => {
      const values = fields.get(field)?.described?.picklistValues;
      if (!values || values.length === 0) return null;
      return values.filter((value) => value.active !== false).map((value) => value.value);
    },
    whereToChange: (field) => {
      const [object = "opportunity"] = field.split(".");
      const path = fields.get(field)?.path;
      const sobject = object === "account" ? "Account" : "Opportunity";
      return path ? `${sobject}.${path} in Salesforce` : `the ${sobject} in Salesforce`;
    },
  };
}

/** The Salesforce field a domain field is written to, or null when the org has none. */
export function writePath(
  map: ResolvedFieldMap,
  recordType: "opportunity" | "account",
  field: string,
): string | null {
  const path = (map[recordType] as Record<string, string | undefined>)[field];
  return path && !path.includes(".") ? path : null;
}
