// Writing a fix back to Salesforce: a PATCH of the opportunity's or account's mapped fields. A
// picklist value goes in the org's own spelling (a tier "1" as "Tier 1" when that is the org's
// value); dates are already the API's `YYYY-MM-DD`. Salesforce's own validation message goes back to
// the modal, next to the field it names.
import type { RecordType } from "../../domain/findings.ts";
import type { RecordPatch } from "../../domain/fix-fields.ts";
import { RecordGoneError, WriteBackError } from "../../errors.ts";
import { readTier } from "./map-records.ts";
import type { SalesforceClient } from "./salesforce-client.ts";
import { SalesforceError } from "./salesforce-errors.ts";
import type { OrgSchema } from "./salesforce-source.ts";
import { writePath } from "./write-access.ts";

export async function writeRecord(
  client: Pick<SalesforceClient, "patch">,
  { resolution, writeAccess }: Pick<OrgSchema, "resolution" | "writeAccess">,
  recordType: RecordType,
  id: string,
  patch: RecordPatch,
): Promise<void> {
  const body: Record<string, unknown> = {};
  const fieldOf = new Map<string, string>();
  for (const [field, value] of Object.entries(patch)) {
    const path = writePath(resolution.map, recordType, field);
    // An org without the field (a stock org's next step date) keeps the rest of the fix.
    if (!path) continue;
    fieldOf.set(path.toLowerCase(), field);
    const choices = writeAccess.choices(`${recordType}.${field}`);
    body[path] =
      field === "tier" && choices
        ? (choices.find((choice) => readTier(choice) === String(value)) ?? value)
        : value;
  }
  if (Object.keys(body).length === 0) return;
  const sobject = recordType === "account" ? "Account" : "Opportunity";
  try {
    await client.patch(sobject, id, body);
  } catch (error) {
    if (!(error instanceof SalesforceError)) throw error;
    if (error.status === 404 || error.apiCode === "ENTITY_IS_DELETED") {
      throw new RecordGoneError(`The ${recordType} ${id} is no longer in Salesforce.`, { cause: error });
    }
    if (error.status !== 400) throw error;
    // Salesforce's own words (a validation rule, a required field), next to the field it names.
    const named = error.fields.map((path) => fieldOf.get(path.toLowerCase())).find((field) => field);
    throw new WriteBackError(error.apiMessage ?? error.message, named ?? null, { cause: error });
  }
}
