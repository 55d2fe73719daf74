// The Salesforce source: the org described once per process, one SOQL query per object per scan with
// only the fields the org has, mapped through the field map, and fixes written back with a PATCH on
// the opportunity or account.
import type { RecordType } from "../../domain/findings.ts";
import type { RecordPatch } from "../../domain/fix-fields.ts";
import type { Snapshot } from "../../domain/model.ts";
import type { RateTable } from "../../domain/money.ts";
import { deriveRoles } from "../../domain/roles.ts";
import type { Logger } from "../../logging.ts";
import { ApiBudget } from "../crm/api-budget.ts";
import { type CachedRead, ReadCache, type ReadCounts } from "../crm/read-cache.ts";
import type {
  AvailableFields,
  PipelineSource,
  ReadsPaused,
  SourceIssue,
  SourceLoad,
  WriteAccess,
} from "../source.ts";
import { availableFields } from "./available-fields.ts";
import type { FieldMap, ResolvedFieldMap } from "./field-map.ts";
import { mapAccounts, mapOpportunities, mapUsers, type SalesforceRecord } from "./map-records.ts";
import { readRates } from "./read-rates.ts";
import {
  type Described,
  describeMissingRequired,
  describeWrongKind,
  type FieldResolution,
  fieldMapKey,
  resolveFieldMap,
} from "./resolve-field-map.ts";
import type { SalesforceClient } from "./salesforce-client.ts";
import { SalesforceError } from "./salesforce-errors.ts";
import { accountsQuery, opportunitiesQuery, STAGES_QUERY, usersQuery } from "./soql.ts";
import { learnWriteAccess } from "./write-access.ts";
import { writeRecord } from "./write-back.ts";

export interface SalesforceSourceOptions {
  client: SalesforceClient;
  fieldMap: FieldMap;
  logger: Logger;
  /** Closed opportunities are read back this many days (closed-reason-missing looks at them). */
  closedWithinDays: number;
  /** Admins named in the config (emails count), for orgs without a role field. */
  admins?: readonly string[];
  /** Reads pause while the org's daily API usage is above this share (Sforce-Limit-Info). */
  maxApiUsagePercent?: number;
  /** The clock for when records were read (SystemModstamp comparisons) and pause checks. */
  clock?: () => Date;
}

/** Changes made while a read runs may be stamped a little earlier: read a minute back. */
const CHANGE_OVERLAP_MS = 60_000;

type ObjectKey = "users" | "accounts" | "opportunities";
/** The last read, kept raw so the changes read after it can be merged in by Id. */
type LastRead = CachedRead<ObjectKey, { rates: RateTable | undefined }>;

export type { ReadCounts };

/** What the org is like, learnt once per process. */
export interface OrgSchema {
  resolution: FieldResolution;
  available: AvailableFields;
  stageOrder: string[];
  writeAccess: WriteAccess;
}

export class SalesforceSource implements PipelineSource {
  readonly name = "salesforce";
  readonly linkLabel = "Salesforce";
  private schema: Promise<OrgSchema> | null = null;
  private readonly cache = new ReadCache<ObjectKey, { rates: RateTable | undefined }>(CHANGE_OVERLAP_MS);
  private incremental = false;
  private readonly clock: () => Date;
  private readonly budget: ApiBudget;

  constructor(private readonly options: SalesforceSourceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.budget = new ApiBudget(options.client, options.logger, this.clock, options.maxApiUsagePercent ?? 80);
  }

  get reads(): ReadCounts {
    return this.cache.counts;
  }

  preferIncremental(on: boolean): void {
    this.incremental = on;
  }

  readsPaused(): ReadsPaused | null {
    return this.budget.paused();
  }

  get client(): SalesforceClient {
    return this.options.client;
  }

  get fieldMap(): FieldMap {
    return this.options.fieldMap;
  }

  /** Describes Opportunity, Account and User and reads the stage order, once per process. */
  orgSchema(): Promise<OrgSchema> {
    if (!this.schema) {
      this.schema = this.learnSchema();
      this.schema.catch(() => {
        this.schema = null;
      });
    }
    return this.schema;
  }

  private async learnSchema(): Promise<OrgSchema> {
    const { client } = this.options;
    const described = new Map<string, Promise<Described>>();
    const describe = (sobject: string) => {
      let found = described.get(sobject);
      if (!found) {
        found = client.describe(sobject);
        described.set(sobject, found);
      }
      return found;
    };
    const [resolution, stages] = await Promise.all([
      resolveFieldMap(describe, this.options.fieldMap),
      client.query<{ ApiName: string; IsClosed: boolean }>(STAGES_QUERY, "reading the stage order"),
    ]);
    // Working stages, latest first; closed stages after them, as a rep works the open deals first.
    const stageOrder = [
      ...stages.filter((stage) => !stage.IsClosed),
      ...stages.filter((stage) => stage.IsClosed),
    ].map((stage) => stage.ApiName);
    const writeAccess = await learnWriteAccess(describe, resolution.map);
    return { resolution, available: availableFields(resolution), stageOrder, writeAccess };
  }

  async load(): Promise<SourceLoad> {
    const { client, logger } = this.options;
    const requestsBefore = client.requests;
    const schema = await this.orgSchema();
    const { map, missing } = schema.resolution;
    const required = missing.filter((field) => field.required);
    if (required.length > 0) {
      throw new SalesforceError("INVALID_FIELD", required.map(describeMissingRequired).join(" "), null);
    }
    const last = this.cache.last;
    if (await this.budget.over()) {
      if (!last) {
        throw new SalesforceError(
          "API_BUDGET",
          `Salesforce API usage is above salesforce.maxApiUsagePercent (${this.budget.maxPercent}%): nudgebot is not reading the org until it falls.`,
        );
      }
      this.reads.paused += 1;
      return this.loaded(schema, last, requestsBefore, "paused");
    }
    const startedAt = this.clock();
    const { incremental, since } = this.cache.plan(startedAt, this.incremental);
    const [users, accounts, opportunities, rates] = await Promise.all([
      client.query<SalesforceRecord>(usersQuery(map, since), "reading users"),
      client.query<SalesforceRecord>(accountsQuery(map, since), "reading accounts"),
      client.query<SalesforceRecord>(
        opportunitiesQuery(map, this.options.closedWithinDays, since),
        "reading opportunities",
      ),
      // Rates move daily at most: a refresh keeps the ones of the last full read.
      incremental
        ? Promise.resolve(last?.extra.rates)
        : map.opportunity.currency
          ? readRates(client)
          : undefined,
    ]);
    const kept = this.cache.keep(
      startedAt,
      incremental,
      { users, accounts, opportunities },
      (record) => String(record.Id),
      { rates },
    );
    logger.debug(
      { changed: { users: users.length, accounts: accounts.length, opportunities: opportunities.length } },
      incremental ? "salesforce changes read" : "salesforce full read",
    );
    return this.loaded(schema, kept, requestsBefore, incremental ? "incremental" : "full");
  }

  private async loaded(
    schema: OrgSchema,
    last: LastRead,
    requestsBefore: number,
    kind: string,
  ): Promise<SourceLoad> {
    const { client, logger } = this.options;
    const { map, wrongKind } = schema.resolution;
    const records = {
      users: [...last.records.users.values()],
      accounts: [...last.records.accounts.values()],
      opportunities: [...last.records.opportunities.values()],
    };
    const snapshot = this.toSnapshot(
      map,
      records,
      await client.instanceUrl(),
      last.extra.rates,
      schema.stageOrder,
    );
    logger.info(
      {
        read: kind,
        users: records.users.length,
        accounts: records.accounts.length,
        opportunities: records.opportunities.length,
        requests: client.requests - requestsBefore,
        apiUsage: client.lastLimitInfo,
      },
      "salesforce read",
    );
    const kindIssues: SourceIssue[] = wrongKind.map((problem) => ({
      severity: "warning",
      file: "Salesforce field map",
      line: null,
      field: fieldMapKey(problem.object, problem.domainField),
      message: `${describeWrongKind(problem)} (read as not mapped)`,
    }));
    return { ...snapshot, issues: [...kindIssues, ...snapshot.issues], available: schema.available };
  }

  private toSnapshot(
    map: ResolvedFieldMap,
    records: { users: SalesforceRecord[]; accounts: SalesforceRecord[]; opportunities: SalesforceRecord[] },
    instanceUrl: string,
    rates: RateTable | undefined,
    stageOrder: string[],
  ): { snapshot: Snapshot; issues: SourceIssue[] } {
    const users = mapUsers(records.users, map);
    const accounts = mapAccounts(records.accounts, map);
    const opportunities = mapOpportunities(records.opportunities, map, instanceUrl);
    let reps = users.values;
    if (!map.user.role) {
      const owners = new Set<string>();
      for (const opp of opportunities.values) if (!opp.isClosed) owners.add(opp.ownerEmail.toLowerCase());
      for (const account of accounts.values) owners.add(account.ownerEmail.toLowerCase());
      reps = deriveRoles(reps, owners, this.options.admins ?? []);
    }
    return {
      snapshot: {
        reps,
        accounts: accounts.values,
        opportunities: opportunities.values,
        stageOrder,
        rates,
      },
      issues: [...users.issues, ...accounts.issues, ...opportunities.issues],
    };
  }

  async checkAccess(progress: (text: string) => void): Promise<{ connected: string; errors: string[] }> {
    progress("Logging in to Salesforce and describing Opportunity, Account and User…");
    const instance = await this.options.client.instanceUrl();
    const { resolution } = await this.orgSchema();
    return { connected: `Logged in to ${instance}.`, errors: resolution.wrongKind.map(describeWrongKind) };
  }

  async writeAccess(): Promise<WriteAccess> {
    return (await this.orgSchema()).writeAccess;
  }

  /** Writes a fix back: see write-back.ts. */
  async updateRecord(recordType: RecordType, id: string, patch: RecordPatch): Promise<void> {
    await writeRecord(this.options.client, await this.orgSchema(), recordType, id, patch);
  }
}
