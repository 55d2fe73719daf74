// Checks the field map against the org, described once, with the resolution every CRM shares:
// Salesforce paths follow relationships such as Owner.Email.
import {
  type MissingField as CrmMissingField,
  type WrongKind as CrmWrongKind,
  type Resolution,
  resolveFields,
} from "../crm/resolve-fields.ts";
import {
  FIELD_KINDS,
  type FieldMap,
  REQUIRED_FIELDS,
  type ResolvedFieldMap,
  type SalesforceObject,
  SOBJECT_NAMES,
} from "./field-map.ts";

export interface DescribedField {
  name: string;
  type?: string | undefined;
  relationshipName: string | null;
  referenceTo: string[];
  /** Whether the API user may write the field; Salesforce always says, absent is read as yes. */
  updateable?: boolean | undefined;
  picklistValues?: { value: string; label?: string | null; active?: boolean }[] | undefined;
}

export interface Described {
  fields: DescribedField[];
}

export type Describe = (sobject: string) => Promise<Described>;

export type MissingField = CrmMissingField<SalesforceObject>;
export type WrongKind = CrmWrongKind<SalesforceObject>;
export type FieldResolution = Omit<Resolution<SalesforceObject>, "map"> & { map: ResolvedFieldMap };

/** The described field at a path, or null when the org has no such field. */
export async function fieldAt(
  describe: Describe,
  sobject: string,
  path: string,
): Promise<DescribedField | null> {
  const [head, ...rest] = path.split(".");
  const fields = (await describe(sobject)).fields;
  if (rest.length === 0)
    return fields.find((field) => field.name.toLowerCase() === head?.toLowerCase()) ?? null;
  const relation = fields.find((field) => field.relationshipName?.toLowerCase() === head?.toLowerCase());
  const target = relation?.referenceTo[0];
  return target ? fieldAt(describe, target, rest.join(".")) : null;
}

export async function resolveFieldMap(describe: Describe, map: FieldMap): Promise<FieldResolution> {
  const resolution = await resolveFields<SalesforceObject>({
    map,
    lookup: (object, path) => fieldAt(describe, SOBJECT_NAMES[object], path),
    required: REQUIRED_FIELDS,
    kinds: FIELD_KINDS,
  });
  return resolution as FieldResolution;
}

/** The config key for a domain field: `salesforce.fieldMap.opportunity.deckUrl`. */
export function fieldMapKey(object: SalesforceObject, domainField: string): string {
  return `salesforce.fieldMap.${object}.${domainField}`;
}

/** One line for a field of the wrong kind, naming the key to change. */
export function describeWrongKind(problem: WrongKind): string {
  return `${fieldMapKey(problem.object, problem.domainField)}: ${SOBJECT_NAMES[problem.object]}.${problem.path} is a ${problem.type} field; ${problem.domainField} needs ${problem.expected}. Map a field of the right type, or null.`;
}

/** One line for a required field the org does not have. */
export function describeMissingRequired(problem: MissingField): string {
  const tried = problem.paths.length > 0 ? problem.paths.join(" or ") : "(not mapped)";
  return `${fieldMapKey(problem.object, problem.domainField)}: ${SOBJECT_NAMES[problem.object]} has no field ${tried}, and nudgebot cannot read ${problem.object === "user" ? "users" : `${problem.object === "account" ? "accounts" : "opportunities"}`} without it. Map an existing field.`;
}
