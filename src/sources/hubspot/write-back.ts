// Writing a fix back to HubSpot: a PATCH of the deal's or company's mapped properties. A next-step
// date mapped to HubSpot's calculated `notes_next_activity_date` cannot be written: it becomes a
// task due that day on the deal, titled with the next step, which HubSpot then shows as the deal's
// next activity. HubSpot's validation message goes back to the modal.
import type { RecordType } from "../../domain/findings.ts";
import type { RecordPatch } from "../../domain/fix-fields.ts";
import { RecordGoneError, WriteBackError } from "../../errors.ts";
import { readTier } from "../crm/record-reader.ts";
import type { MissingField, WrongKind } from "../crm/resolve-fields.ts";
import type { HubspotClient } from "./hubspot-client.ts";
import { HubspotError } from "./hubspot-errors.ts";
import { type HubspotObject, OBJECT_PATHS, propertyMapKey } from "./property-map.ts";
import { type HubspotProperty, type PortalSchema, writable } from "./read-portal.ts";

/** HubSpot's own task → deal association. */
const TASK_TO_DEAL = 216;

export async function writeBack(
  client: HubspotClient,
  schema: PortalSchema,
  recordType: RecordType,
  id: string,
  patch: RecordPatch,
): Promise<void> {
  const object: HubspotObject = recordType === "account" ? "company" : "deal";
  const map = schema.resolution.map[object];
  const properties: Record<string, string> = {};
  const fieldOf = new Map<string, string>();
  let taskDate: string | null = null;
  for (const [field, value] of Object.entries(patch)) {
    const path = map[field];
    if (!path) continue;
    const property = schema.properties[object].get(path);
    if (!writable(property)) {
      if (object === "deal" && field === "nextStepDate") taskDate = String(value);
      continue;
    }
    fieldOf.set(path, field);
    properties[path] = field === "tier" ? tierOption(property, String(value)) : String(value);
  }
  try {
    if (Object.keys(properties).length > 0) {
      await client.patch(
        `/crm/v3/objects/${OBJECT_PATHS[object]}/${encodeURIComponent(id)}`,
        { properties },
        `updating ${object} ${id}`,
      );
    }
    if (taskDate) {
      const subject = String(patch.nextStep ?? "Next step");
      await client.post(
        "/crm/v3/objects/tasks",
        {
          properties: {
            hs_task_subject: subject,
            hs_task_status: "NOT_STARTED",
            hs_timestamp: `${taskDate}T09:00:00.000Z`,
          },
          associations: [
            {
              to: { id },
              types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: TASK_TO_DEAL }],
            },
          ],
        },
        `adding a next-step task to deal ${id}`,
      );
    }
  } catch (error) {
    if (!(error instanceof HubspotError)) throw error;
    if (error.status === 404) {
      throw new RecordGoneError(`The ${recordType} ${id} is no longer in HubSpot.`, { cause: error });
    }
    if (error.status !== 400) throw error;
    const named = error.properties.map((path) => fieldOf.get(path)).find((field) => field);
    throw new WriteBackError(error.apiMessage ?? error.message, named ?? null, { cause: error });
  }
}

/** A tier ("1") in the portal's own option when the property has options (`tier_1`). */
function tierOption(property: HubspotProperty | undefined, tier: string): string {
  const options = property?.options ?? [];
  return options.find((option) => readTier(option.value.replace(/^tier_/i, "")) === tier)?.value ?? tier;
}

/** One line per property of the wrong type, and per required property the portal lacks. */
export function describeProblems(
  wrongKind: WrongKind<HubspotObject>[],
  missing: MissingField<HubspotObject>[] = [],
): string[] {
  return [
    ...wrongKind.map(
      (problem) =>
        `${propertyMapKey(problem.object, problem.domainField)}: ${problem.path} is a ${problem.type} property; ${problem.domainField} needs ${problem.expected}. Map a property of the right type, or null.`,
    ),
    ...missing.map(
      (problem) =>
        `${propertyMapKey(problem.object, problem.domainField)}: the portal has no ${problem.object} property ${problem.paths.join(" or ") || "(not mapped)"}, and nudgebot cannot read ${problem.object === "company" ? "companies" : "deals"} without it. Map an existing property.`,
    ),
  ];
}
