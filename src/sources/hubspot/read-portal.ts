// What the portal is like, learnt once per process: its deal and company properties (HubSpot's
// describe), its deal pipelines (stage labels, order, closed and won stages), and its account
// details (portal id and UI domain for links, the company currency).
import { availableFieldsOf } from "../crm/available-fields.ts";
import { type Resolution, resolveFields } from "../crm/resolve-fields.ts";
import type { AvailableFields, WriteAccess } from "../source.ts";
import type { HubspotClient } from "./hubspot-client.ts";
import {
  crmObjectOf,
  DOMAIN_OBJECT,
  type HubspotObject,
  OBJECT_PATHS,
  PROPERTY_KINDS,
  type PropertyMap,
  propertyMapKey,
  REQUIRED_PROPERTIES,
  type ResolvedPropertyMap,
} from "./property-map.ts";

export interface HubspotProperty {
  name: string;
  label?: string;
  type?: string;
  fieldType?: string;
  calculated?: boolean;
  modificationMetadata?: { readOnlyValue?: boolean };
  options?: { label: string; value: string; hidden?: boolean }[];
}

interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata?: { isClosed?: string | boolean; probability?: string | number };
}
interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
}

export interface Stage {
  label: string;
  isClosed: boolean;
  isWon: boolean;
}

export interface AccountDetails {
  portalId: number;
  uiDomain?: string;
  companyCurrency?: string;
  timeZone?: string;
}

export interface PortalSchema {
  resolution: Resolution<HubspotObject> & { map: ResolvedPropertyMap };
  available: AvailableFields;
  properties: Record<HubspotObject, Map<string, HubspotProperty>>;
  /** Stage id → label and outcome, across every pipeline. */
  stages: Map<string, Stage>;
  /** Stage labels, open stages later first, then closed ones. */
  stageOrder: string[];
  account: AccountDetails;
  writeAccess: WriteAccess;
}

const truthy = (value: unknown) => value === true || value === "true";

export function readStages(pipelines: Pipeline[]): { stages: Map<string, Stage>; stageOrder: string[] } {
  const stages = new Map<string, Stage>();
  const open: { label: string; order: number }[] = [];
  const closed: string[] = [];
  for (const pipeline of [...pipelines].sort((a, b) => a.displayOrder - b.displayOrder)) {
    for (const stage of pipeline.stages) {
      const isClosed = truthy(stage.metadata?.isClosed);
      const isWon = isClosed && Number(stage.metadata?.probability) === 1;
      stages.set(stage.id, { label: stage.label, isClosed, isWon });
      if (isClosed) closed.push(stage.label);
      else open.push({ label: stage.label, order: stage.displayOrder });
    }
  }
  const order = open.sort((a, b) => b.order - a.order).map((stage) => stage.label);
  return { stages, stageOrder: [...new Set([...order, ...closed])] };
}

export async function readPortal(client: HubspotClient, map: PropertyMap): Promise<PortalSchema> {
  const [deals, companies, pipelines, account] = await Promise.all([
    client.get<{ results: HubspotProperty[] }>(
      `/crm/v3/properties/${OBJECT_PATHS.deal}`,
      "reading deal properties",
    ),
    client.get<{ results: HubspotProperty[] }>(
      `/crm/v3/properties/${OBJECT_PATHS.company}`,
      "reading company properties",
    ),
    client.get<{ results: Pipeline[] }>("/crm/v3/pipelines/deals", "reading the deal pipelines"),
    client.get<AccountDetails>("/account-info/v3/details", "reading the account details"),
  ]);
  const byName = (list: HubspotProperty[]) => new Map(list.map((property) => [property.name, property]));
  const properties = { deal: byName(deals.results), company: byName(companies.results) };
  const resolution = (await resolveFields<HubspotObject>({
    map,
    lookup: async (object, path) => properties[object].get(path) ?? null,
    required: REQUIRED_PROPERTIES,
    kinds: PROPERTY_KINDS,
  })) as PortalSchema["resolution"];
  const available = availableFieldsOf<HubspotObject>(resolution, {
    domainObject: DOMAIN_OBJECT,
    mapKey: propertyMapKey,
    crmObject: crmObjectOf,
  });
  return {
    resolution,
    available,
    properties,
    ...readStages(pipelines.results),
    account,
    writeAccess: writeAccessOf(resolution.map, properties),
  };
}

/** A property the bot may write: mapped, not calculated, and not read-only in the portal. */
export function writable(property: HubspotProperty | undefined): boolean {
  return (
    property !== undefined &&
    property.calculated !== true &&
    property.modificationMetadata?.readOnlyValue !== true
  );
}

function writeAccessOf(
  map: ResolvedPropertyMap,
  properties: Record<HubspotObject, Map<string, HubspotProperty>>,
): WriteAccess {
  const find = (field: string) => {
    const [domain = "opportunity", name = ""] = field.split(".");
    const object = crmObjectOf(domain);
    const path = map[object][name];
    return { object, path, property: path ? properties[object].get(path) : undefined };
  };
  return {
    updateable: (field) => {
      const { property } = find(field);
      // A calculated next-step date is still set, as a task on the deal.
      return writable(property) || (field === "opportunity.nextStepDate" && property !== undefined);
    },
    choices: (field) => {
      const options = find(field).property?.options;
      if (!options || options.length === 0) return null;
      return options.filter((option) => !option.hidden).map((option) => option.value);
    },
    whereToChange: (field) => {
      const { object, path, property } = find(field);
      const what = object === "company" ? "company" : "deal";
      return path
        ? `${property?.label ?? path} (${path}) on the ${what} in HubSpot`
        : `the ${what} in HubSpot`;
    },
  };
}
