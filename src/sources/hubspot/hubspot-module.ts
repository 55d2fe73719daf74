// HubSpot as the registry lists it: HUBSPOT_ACCESS_TOKEN and HUBSPOT_API_URL, the `hubspot:` config
// block (property map, pacing, budget, people), and how its source is built.
import { z } from "zod";
import { defineCrm } from "../crm/crm-module.ts";
import type { CandidateMap } from "../crm/field-map.ts";
import { fieldMapSchema } from "../crm/field-map-schema.ts";
import { HubspotClient } from "./hubspot-client.ts";
import { HubspotSource } from "./hubspot-source.ts";
import { DEFAULT_PROPERTY_MAP, type HubspotObject, mergePropertyMap, PROPERTY_NAME } from "./property-map.ts";

export interface HubspotSettings {
  accessToken: string | undefined;
  apiUrl: string;
  propertyMap: CandidateMap<HubspotObject>;
  requestsPer10s: number;
  maxApiUsagePercent: number;
  /** HubSpot team name → its manager's email. */
  teamManagers: Record<string, string>;
  /** A file in reps.csv's columns: managers, roles, time zones, countries. */
  peopleFile: string | null;
  admins: string[];
}

const map = fieldMapSchema(
  "expected a HubSpot internal property name such as dealname, a list of them (the first the portal has is used), or null",
  PROPERTY_NAME,
);

const block = z.strictObject({
  /** Overrides of SPEC's default property map, per object and domain field. */
  propertyMap: z
    .strictObject({
      deal: map(Object.keys(DEFAULT_PROPERTY_MAP.deal)),
      company: map(Object.keys(DEFAULT_PROPERTY_MAP.company)),
    })
    .default({ deal: {}, company: {} }),
  /** HubSpot refuses past 100 requests in 10 seconds; this stays under it. */
  requestsPer10s: z
    .number()
    .int()
    .min(1, "expected 1 to 100 requests")
    .max(100, "expected 1 to 100 requests")
    .default(90),
  maxApiUsagePercent: z
    .number()
    .gt(0, "expected a percentage from 1 to 100")
    .max(100, "expected a percentage from 1 to 100")
    .default(80),
  teamManagers: z
    .record(z.string().min(1), z.string().regex(/@/, "expected the manager's email"))
    .default({}),
  peopleFile: z.string().min(1).nullable().default(null),
});

export const hubspotModule = defineCrm({
  name: "hubspot",
  linkLabel: "HubSpot",
  env: {
    HUBSPOT_ACCESS_TOKEN: z.string().optional(),
    HUBSPOT_API_URL: z.url("expected a URL such as https://api.hubapi.com").default("https://api.hubapi.com"),
  },
  config: block.default(() => block.parse({})),
  settings(vars, file, shared) {
    const settings: HubspotSettings = {
      accessToken: vars.HUBSPOT_ACCESS_TOKEN,
      apiUrl: vars.HUBSPOT_API_URL,
      propertyMap: mergePropertyMap(file.propertyMap),
      requestsPer10s: file.requestsPer10s,
      maxApiUsagePercent: file.maxApiUsagePercent,
      teamManagers: Object.fromEntries(
        Object.entries(file.teamManagers).map(([team, email]) => [team, email.toLowerCase()]),
      ),
      peopleFile: file.peopleFile,
      admins: shared.admins,
    };
    const problems = settings.accessToken
      ? []
      : ["HUBSPOT_ACCESS_TOKEN: needed to read HubSpot (a private app's access token or a service key)"];
    return { settings, problems };
  },
  describe(settings, mask) {
    return {
      environment: {
        HUBSPOT_ACCESS_TOKEN: mask(settings.accessToken),
        HUBSPOT_API_URL: settings.apiUrl,
      },
      config: {
        requestsPer10s: settings.requestsPer10s,
        maxApiUsagePercent: settings.maxApiUsagePercent,
        teamManagers: settings.teamManagers,
        peopleFile: settings.peopleFile ?? "(none)",
        propertyMap: settings.propertyMap,
      },
    };
  },
  create(settings, deps) {
    const logger = deps.logger.child({ component: "hubspot" });
    const client = new HubspotClient({
      apiUrl: settings.apiUrl,
      accessToken: settings.accessToken ?? "",
      logger,
      requestsPer10s: settings.requestsPer10s,
      ...(deps.onFailure ? { onFailure: deps.onFailure } : {}),
    });
    const peopleFile = settings.peopleFile;
    return new HubspotSource({
      client,
      propertyMap: settings.propertyMap,
      logger,
      closedWithinDays: deps.closedWithinDays,
      admins: settings.admins,
      teamManagers: settings.teamManagers,
      ...(peopleFile ? { loadPeople: () => deps.readPeople(peopleFile) } : {}),
      currency: deps.currency,
      currencies: deps.currencies,
      maxApiUsagePercent: settings.maxApiUsagePercent,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
  },
});
