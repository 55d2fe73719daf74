// Checks a field map against what the CRM describes, once: for each domain field the first candidate
// that exists, the fields that are missing, and fields of the wrong kind (a text field mapped to an
// amount). The CRM says how a path is looked up and which of its types fit which domain field.
import type { CandidateMap, ResolvedMap } from "./field-map.ts";

/** What kind of CRM field a domain field can be read from: the CRM's type names that fit. */
export interface FieldKind {
  kind: string;
  types: readonly string[];
}

export interface MissingField<O extends string = string> {
  object: O;
  domainField: string;
  /** The candidates tried, none of which the CRM has. */
  paths: readonly string[];
  required: boolean;
}

export interface WrongKind<O extends string = string> {
  object: O;
  domainField: string;
  path: string;
  type: string;
  expected: string;
}

export interface Resolution<O extends string = string> {
  map: ResolvedMap<O>;
  missing: MissingField<O>[];
  wrongKind: WrongKind<O>[];
}

export interface ResolveInput<O extends string> {
  map: CandidateMap<O>;
  /** The CRM's field at a path of an object (its `type` when known), or null when there is none. */
  lookup(object: O, path: string): Promise<{ type?: string | undefined } | null>;
  /** Fields a record cannot be read without. */
  required: Readonly<Record<O, readonly string[]>>;
  kinds: Readonly<Record<string, FieldKind>>;
}

export async function resolveFields<O extends string>(input: ResolveInput<O>): Promise<Resolution<O>> {
  const resolved = {} as ResolvedMap<O>;
  const missing: MissingField<O>[] = [];
  const wrongKind: WrongKind<O>[] = [];
  for (const object of Object.keys(input.map) as O[]) {
    const fields: Record<string, string> = {};
    resolved[object] = fields;
    const required = input.required[object] ?? [];
    for (const [domainField, paths] of Object.entries(input.map[object])) {
      let found = false;
      for (const path of paths) {
        const field = await input.lookup(object, path);
        if (!field) continue;
        found = true;
        const kind = input.kinds[domainField];
        if (kind && field.type && !kind.types.includes(field.type)) {
          wrongKind.push({ object, domainField, path, type: field.type, expected: kind.kind });
        } else {
          fields[domainField] = path;
        }
        break;
      }
      if (!found) missing.push({ object, domainField, paths, required: required.includes(domainField) });
    }
  }
  return { map: resolved, missing, wrongKind };
}
