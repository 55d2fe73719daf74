// HubSpot records → domain records. HubSpot sends every property as a string (or null); a `date`
// property is its UTC calendar date, a `datetime` is read in the rep's time zone; stages are ids
// read as their labels; owners are ids read as their emails.
import { isIsoDate } from "../../domain/dates.ts";
import { type Account, COMMAND_PLAN_FIELDS, type Opportunity, type Rep } from "../../domain/model.ts";
import { readSegment } from "../../domain/segments.ts";
import {
  type CrmRecord,
  type Mapped,
  mapRecords,
  present,
  type RecordReader,
  readTier,
} from "../crm/record-reader.ts";
import type { ResolvedPropertyMap } from "./property-map.ts";
import type { HubspotProperty, PortalSchema } from "./read-portal.ts";
import type { Owner } from "./read-records.ts";

/** A person from the people file, by email (lower case). */
export type People = ReadonlyMap<string, Partial<Rep>>;

/** Owners as reps: their manager from `teamManagers` (their primary team's) or the people file. */
export function ownersAsReps(owners: Owner[], teamManagers: Record<string, string>, people: People): Rep[] {
  return owners
    .filter((owner) => !owner.archived && owner.email)
    .map((owner) => {
      const email = owner.email.toLowerCase();
      const team = owner.teams?.find((candidate) => candidate.primary) ?? owner.teams?.[0];
      const teamManager = team ? teamManagers[team.name]?.toLowerCase() : undefined;
      const person = people.get(email) ?? {};
      const name = [owner.firstName, owner.lastName].filter(Boolean).join(" ") || email;
      return {
        email,
        name,
        segment: null,
        // HubSpot owners have no time zone: without the people file it is filled after the read.
        timezone: "UTC",
        ...(person.timezone ? {} : { timezoneSource: "default" as const }),
        role: "ae",
        startDate: null,
        ...person,
        managerEmail: person.managerEmail ?? (teamManager && teamManager !== email ? teamManager : null),
      } satisfies Rep;
    });
}

/** One formatter per time zone: building one costs more than formatting a thousand dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone: timezone });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The calendar date of a HubSpot date or datetime value (ISO text or epoch milliseconds). */
export function hubspotDate(value: string, type: string | undefined, timezone: string): string | null {
  const instant = /^\d{10,}$/.test(value) ? new Date(Number(value)) : new Date(value);
  if (Number.isNaN(instant.getTime())) return isIsoDate(value.slice(0, 10)) ? value.slice(0, 10) : null;
  if (type !== "datetime") return instant.toISOString().slice(0, 10);
  // A UTC rep needs no formatter: the ISO date is theirs.
  return timezone === "UTC" ? instant.toISOString().slice(0, 10) : formatterFor(timezone).format(instant);
}

/** `tier_1` (hs_ideal_customer_profile) → 1, as well as the handbook's own tier values. */
const readHubspotTier = (text: string) => readTier(text.replace(/^tier_/i, ""));

interface MapContext {
  schema: PortalSchema;
  ownerEmail: ReadonlyMap<string, string>;
  timezoneOf: (email: string) => string;
}

function dateReader(context: MapContext, map: Partial<Record<string, string>>) {
  const type = (field: string) =>
    (map[field] ? context.schema.properties.deal.get(map[field] as string) : undefined) as
      | HubspotProperty
      | undefined;
  return (r: RecordReader, field: string, timezone: string) => {
    const value = r.text(field);
    if (value === null) return null;
    return (
      hubspotDate(value, type(field)?.type, timezone) ?? r.fail(field, `expected a date, got "${value}"`)
    );
  };
}

export function mapDeals(
  records: Iterable<CrmRecord>,
  map: ResolvedPropertyMap,
  companyOf: ReadonlyMap<string, string>,
  context: MapContext,
): Mapped<Opportunity> {
  const date = dateReader(context, map.deal);
  const { account, stages } = context.schema;
  const host = account.uiDomain ?? "app.hubspot.com";
  const label = (record: CrmRecord) => `HubSpot deal ${String(record.hs_object_id ?? "?")}`;
  return mapRecords(records, map.deal, label, (r) => {
    const id = r.required("id");
    const stageId = r.required("stage");
    const stage = stages.get(stageId);
    if (!stage) r.fail("stage", `stage ${stageId} is in no pipeline of the portal`);
    const ownerId = r.text("ownerEmail");
    const ownerEmail = ownerId ? context.ownerEmail.get(ownerId) : undefined;
    if (!ownerEmail)
      r.fail("ownerEmail", ownerId ? `owner ${ownerId} is archived or not a rep` : "the deal has no owner");
    const timezone = context.timezoneOf(ownerEmail ?? "");
    const commandPlan = {} as Opportunity["commandPlan"];
    for (const field of COMMAND_PLAN_FIELDS) commandPlan[field] = r.text(field);
    const isWon = stage?.isWon ?? false;
    return {
      id,
      name: r.required("name"),
      accountId: companyOf.get(id) ?? "",
      ownerEmail: ownerEmail ?? "",
      stage: stage?.label ?? stageId,
      isClosed: stage?.isClosed ?? false,
      isWon,
      amount: r.number("amount"),
      iacv: r.number("iacv"),
      currency: r.text("currency") ?? account.companyCurrency ?? undefined,
      closeDate: date(r, "closeDate", timezone) ?? (r.required("closeDate") as string),
      nextStep: r.text("nextStep"),
      nextStepDate: date(r, "nextStepDate", timezone),
      deckUrl: r.text("deckUrl"),
      lastActivityDate: date(r, "lastActivityDate", timezone),
      howHeard: r.text("howHeard"),
      closedReason: isWon && map.deal.closedWonReason ? r.text("closedWonReason") : r.text("closedReason"),
      commandPlan,
      url: `https://${host}/contacts/${account.portalId}/record/0-3/${encodeURIComponent(id)}`,
    };
  });
}

export function mapCompanies(
  records: Iterable<CrmRecord>,
  map: ResolvedPropertyMap,
  context: MapContext,
): Mapped<Account> {
  const label = (record: CrmRecord) => `HubSpot company ${String(record.hs_object_id ?? "?")}`;
  return mapRecords(records, map.company, label, (r) => {
    const ownerId = r.text("ownerEmail");
    const ownerEmail = ownerId ? context.ownerEmail.get(ownerId) : undefined;
    if (!ownerEmail)
      r.fail(
        "ownerEmail",
        ownerId ? `owner ${ownerId} is archived or not a rep` : "the company has no owner",
      );
    return {
      id: r.required("id"),
      name: r.required("name"),
      ownerEmail: ownerEmail ?? "",
      segment: r.choice("segment", readSegment, "SMB, MM or Enterprise"),
      employees: r.number("employees"),
      tier: r.choice("tier", readHubspotTier, "1, 1.5, 2 or 3 (or tier_1, tier_2, tier_3)"),
      potentialUsers: r.number("potentialUsers"),
      tierNotes: r.text("tierNotes"),
      ...present("website", r.text("website")),
    };
  });
}
