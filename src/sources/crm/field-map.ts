// Field map entries every CRM shares: a domain field is read from a path, from the first of a list
// of candidate paths the CRM has, or not at all (null). Each CRM brings its own defaults.

export type FieldSpec = string | readonly string[] | null;

/** Candidates per domain field of each object, in order; an empty list means not mapped. */
export type CandidateMap<O extends string = string> = Record<O, Record<string, readonly string[]>>;

/** The path each domain field is read from; absent when the CRM has none of its candidates. */
export type ResolvedMap<O extends string = string> = Record<O, Partial<Record<string, string>>>;

export function candidates(spec: FieldSpec | undefined): readonly string[] {
  if (spec === null || spec === undefined) return [];
  return typeof spec === "string" ? [spec] : spec;
}

/** One object's defaults with the config's overrides on top, every entry as a candidate list. */
export function mergeObjectMap(
  defaults: Readonly<Record<string, FieldSpec>>,
  overrides: Partial<Record<string, FieldSpec>> | undefined,
): Record<string, readonly string[]> {
  const merged: Record<string, readonly string[]> = {};
  for (const [field, spec] of Object.entries(defaults)) merged[field] = candidates(spec);
  for (const [field, spec] of Object.entries(overrides ?? {})) {
    if (spec !== undefined) merged[field] = candidates(spec);
  }
  return merged;
}

/** Every object's defaults merged with its overrides. */
export function mergeCandidateMap<O extends string>(
  defaults: Readonly<Record<O, Readonly<Record<string, FieldSpec>>>>,
  overrides: Partial<Record<O, Partial<Record<string, FieldSpec>>>>,
): CandidateMap<O> {
  const merged = {} as CandidateMap<O>;
  for (const object of Object.keys(defaults) as O[]) {
    merged[object] = mergeObjectMap(defaults[object], overrides[object]);
  }
  return merged;
}

/** Every first candidate taken as it is, for tests and benchmarks that describe nothing. */
export function firstCandidatesOf<O extends string>(map: CandidateMap<O>): ResolvedMap<O> {
  const resolved = {} as ResolvedMap<O>;
  for (const object of Object.keys(map) as O[]) {
    resolved[object] = Object.fromEntries(
      Object.entries(map[object]).flatMap(([field, paths]) => (paths[0] ? [[field, paths[0]]] : [])),
    );
  }
  return resolved;
}
