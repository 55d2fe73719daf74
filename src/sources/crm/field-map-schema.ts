// The config schema of a field map block: per object, each domain field a path, a list of candidate
// paths (the first the CRM has is used), or null for "not mapped".
import { z } from "zod";

/** A schema factory for one object's entries, given what a path looks like in this CRM. */
export function fieldMapSchema(message: string, pathPattern: RegExp) {
  const fieldPath = z.string(message).regex(pathPattern, message);
  const fieldSpec = z.union([fieldPath, z.array(fieldPath).min(1, message), z.null()], message);
  return (keys: string[]) =>
    z
      .partialRecord(z.enum(keys as [string, ...string[]], `expected one of: ${keys.join(", ")}`), fieldSpec)
      .default({});
}
