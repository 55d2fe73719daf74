// The HubSpot source: the portal learnt once per process (properties, pipelines, account details),
// then per scan the owners, the deals that can matter and their companies, mapped through the
// property map; between full reads only what changed (hs_lastmodifieddate). Fixes are PATCHed on
// the deal or company; a calculated next-step date becomes a task on the deal.
import type { RecordType } from "../../domain/findings.ts";
import type { RecordPatch } from "../../domain/fix-fields.ts";
import type { Rep } from "../../domain/model.ts";
import { deriveRoles } from "../../domain/roles.ts";
import type { Logger } from "../../logging.ts";
import { ApiBudget } from "../crm/api-budget.ts";
import { type CachedRead, ReadCache } from "../crm/read-cache.ts";
import type { PipelineSource, ReadsPaused, SourceIssue, SourceLoad, WriteAccess } from "../source.ts";
import type { HubspotClient } from "./hubspot-client.ts";
import { HubspotError } from "./hubspot-errors.ts";
import { hubspotRates } from "./hubspot-rates.ts";
import { mapCompanies, mapDeals, ownersAsReps, type People } from "./map-records.ts";
import type { PropertyMap } from "./property-map.ts";
import { type PortalSchema, readPortal } from "./read-portal.ts";
import {
  type FlatRecord,
  type Owner,
  readCompanies,
  readDealCompanies,
  readDeals,
  readOwners,
} from "./read-records.ts";
import { describeProblems, writeBack } from "./write-back.ts";

export interface HubspotSourceOptions {
  client: HubspotClient;
  propertyMap: PropertyMap;
  logger: Logger;
  closedWithinDays: number;
  admins: readonly string[];
  teamManagers: Record<string, string>;
  /** The people file (`hubspot.peopleFile`), read at every full read. */
  loadPeople?: () => Promise<{ people: Rep[]; issues: SourceIssue[] }>;
  currency: string;
  currencies: Readonly<Record<string, number>>;
  maxApiUsagePercent: number;
  clock?: () => Date;
}

/** HubSpot's search index trails writes by a little: changes are read a few minutes back. */
const SEARCH_LAG_MS = 5 * 60_000;

interface Extra {
  owners: Owner[];
  companyOf: Map<string, string>;
  people: People;
  peopleIssues: SourceIssue[];
}
type Kept = CachedRead<"deals" | "companies", Extra>;

export class HubspotSource implements PipelineSource {
  readonly name = "hubspot";
  readonly linkLabel = "HubSpot";
  private schema: Promise<PortalSchema> | null = null;
  private readonly cache = new ReadCache<"deals" | "companies", Extra>(SEARCH_LAG_MS);
  private incremental = false;
  private readonly clock: () => Date;
  private readonly budget: ApiBudget;

  constructor(private readonly options: HubspotSourceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.budget = new ApiBudget(options.client, options.logger, this.clock, options.maxApiUsagePercent, {
      crm: "hubspot",
      key: "hubspot.maxApiUsagePercent",
    });
  }

  get reads() {
    return this.cache.counts;
  }

  preferIncremental(on: boolean): void {
    this.incremental = on;
  }

  readsPaused(): ReadsPaused | null {
    return this.budget.paused();
  }

  portal(): Promise<PortalSchema> {
    if (!this.schema) {
      this.schema = readPortal(this.options.client, this.options.propertyMap);
      this.schema.catch(() => {
        this.schema = null;
      });
    }
    return this.schema;
  }

  async checkAccess(progress: (text: string) => void): Promise<{ connected: string; errors: string[] }> {
    progress("Reading the HubSpot portal's properties, pipelines and account details…");
    const { account, resolution } = await this.portal();
    return {
      connected: `Connected to HubSpot portal ${account.portalId}.`,
      errors: describeProblems(resolution.wrongKind),
    };
  }

  async writeAccess(): Promise<WriteAccess> {
    return (await this.portal()).writeAccess;
  }

  async load(): Promise<SourceLoad> {
    const { client } = this.options;
    const requestsBefore = client.requests;
    const schema = await this.portal();
    const { map, missing } = schema.resolution;
    const required = missing.filter((field) => field.required);
    if (required.length > 0) {
      throw new HubspotError("INVALID", describeProblems([], required).join(" "));
    }
    const last = this.cache.last;
    if (await this.budget.over()) {
      if (!last) {
        throw new HubspotError(
          "API_BUDGET",
          `HubSpot API usage is above hubspot.maxApiUsagePercent (${this.budget.maxPercent}%): nudgebot is not reading the portal until it falls.`,
        );
      }
      this.cache.counts.paused += 1;
      return this.loaded(schema, last, requestsBefore, "paused");
    }
    const startedAt = this.clock();
    const { incremental, since } = this.cache.plan(startedAt, this.incremental);
    const closedSince = new Date(startedAt.getTime() - this.options.closedWithinDays * 86_400_000);
    const noPeople = { people: [] as Rep[], issues: [] as SourceIssue[] };
    const [owners, deals, people] = await Promise.all([
      readOwners(client),
      readDeals(client, map, schema.stages, closedSince, since),
      incremental && last
        ? { people: [...last.extra.people.values()] as Rep[], issues: last.extra.peopleIssues }
        : (this.options.loadPeople?.() ?? noPeople),
    ]);
    const dealIds = deals.map((deal) => String(deal.hs_object_id));
    const companyOf = new Map(incremental ? last?.extra.companyOf : undefined);
    for (const [deal, company] of await readDealCompanies(client, dealIds)) companyOf.set(deal, company);
    const newCompanies = [
      ...new Set(dealIds.map((id) => companyOf.get(id)).filter((id): id is string => !!id)),
    ];
    const companies = await readCompanies(client, map, newCompanies);
    const kept = this.cache.keep(
      startedAt,
      incremental,
      { deals, companies },
      (record) => String(record.hs_object_id),
      {
        owners,
        companyOf,
        people: new Map(people.people.map((person) => [person.email.toLowerCase(), person])),
        peopleIssues: people.issues,
      },
    );
    return this.loaded(schema, kept, requestsBefore, incremental ? "incremental" : "full");
  }

  private loaded(schema: PortalSchema, kept: Kept, requestsBefore: number, kind: string): SourceLoad {
    const { client, logger } = this.options;
    const { map } = schema.resolution;
    const reps = ownersAsReps(kept.extra.owners, this.options.teamManagers, kept.extra.people);
    const ownerEmail = new Map(
      kept.extra.owners
        .filter((owner) => !owner.archived)
        .map((owner) => [owner.id, owner.email.toLowerCase()]),
    );
    const timezones = new Map(reps.map((rep) => [rep.email, rep.timezone]));
    const context = { schema, ownerEmail, timezoneOf: (email: string) => timezones.get(email) ?? "UTC" };
    const deals: FlatRecord[] = [...kept.records.deals.values()];
    const opportunities = mapDeals(deals, map, kept.extra.companyOf, context);
    const accounts = mapCompanies(kept.records.companies.values(), map, context);
    const owners = new Set<string>();
    for (const opp of opportunities.values) if (!opp.isClosed) owners.add(opp.ownerEmail);
    for (const account of accounts.values) owners.add(account.ownerEmail);
    const rates = hubspotRates(deals, map, schema.account.companyCurrency, this.options);
    logger.info(
      {
        read: kind,
        owners: reps.length,
        companies: accounts.values.length,
        deals: deals.length,
        requests: client.requests - requestsBefore,
        apiUsage: client.lastLimitInfo,
      },
      "hubspot read",
    );
    const kindIssues: SourceIssue[] = describeProblems(schema.resolution.wrongKind).map((message) => ({
      severity: "warning",
      file: "HubSpot property map",
      line: null,
      field: null,
      message: `${message} (read as not mapped)`,
    }));
    return {
      snapshot: {
        reps: deriveRoles(reps, owners, this.options.admins),
        accounts: accounts.values,
        opportunities: opportunities.values,
        stageOrder: schema.stageOrder,
        rates,
      },
      issues: [...kindIssues, ...kept.extra.peopleIssues, ...accounts.issues, ...opportunities.issues],
      available: schema.available,
    };
  }

  async updateRecord(recordType: RecordType, id: string, patch: RecordPatch): Promise<void> {
    await writeBack(this.options.client, await this.portal(), recordType, id, patch);
  }
}
