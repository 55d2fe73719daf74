// The Salesforce source: the org described once per process, one SOQL query per object per scan with
// only the fields the org has, mapped through the field map, and "Update next step" written back
// with a PATCH on the opportunity.
import type { IsoDate, Snapshot } from "../../domain/model.ts";
import type { RateTable } from "../../domain/money.ts";
import { deriveRoles } from "../../domain/roles.ts";
import { WriteBackError } from "../../errors.ts";
import type { Logger } from "../../logging.ts";
import type { AvailableFields, PipelineSource, SourceIssue, SourceLoad } from "../source.ts";
import { DOMAIN_OBJECT, type FieldMap, type ResolvedFieldMap, type SalesforceObject } from "./field-map.ts";
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

export interface SalesforceSourceOptions {
  client: SalesforceClient;
  fieldMap: FieldMap;
  logger: Logger;
  /** Closed opportunities are read back this many days (closed-reason-missing looks at them). */
  closedWithinDays: number;
  /** Admins named in the config (emails count), for orgs without a role field. */
  admins?: readonly string[];
}

/** What the org is like, learnt once per process. */
export interface OrgSchema {
  resolution: FieldResolution;
  available: AvailableFields;
  stageOrder: string[];
}

export class SalesforceSource implements PipelineSource {
  readonly name = "salesforce";
  private schema: Promise<OrgSchema> | null = null;

  constructor(private readonly options: SalesforceSourceOptions) {}

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
    return { resolution, available: availableFields(resolution), stageOrder };
  }

  async load(): Promise<SourceLoad> {
    const { client, logger } = this.options;
    const requestsBefore = client.requests;
    const schema = await this.orgSchema();
    const { map, missing, wrongKind } = schema.resolution;
    const required = missing.filter((field) => field.required);
    if (required.length > 0) {
      throw new SalesforceError("INVALID_FIELD", required.map(describeMissingRequired).join(" "), null);
    }
    const [users, accounts, opportunities, rates] = await Promise.all([
      client.query<SalesforceRecord>(usersQuery(map), "reading users"),
      client.query<SalesforceRecord>(accountsQuery(map), "reading accounts"),
      client.query<SalesforceRecord>(
        opportunitiesQuery(map, this.options.closedWithinDays),
        "reading opportunities",
      ),
      map.opportunity.currency ? readRates(client) : Promise.resolve(undefined),
    ]);
    const instanceUrl = await client.instanceUrl();
    const snapshot = this.toSnapshot(
      map,
      { users, accounts, opportunities },
      instanceUrl,
      rates,
      schema.stageOrder,
    );
    logger.info(
      {
        users: users.length,
        accounts: accounts.length,
        opportunities: opportunities.length,
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

  async updateNextStep(oppId: string, update: { nextStep: string; nextStepDate: IsoDate }): Promise<void> {
    const { map } = (await this.orgSchema()).resolution;
    const nextStepField = map.opportunity.nextStep ?? "NextStep";
    const dateField = map.opportunity.nextStepDate;
    try {
      await this.options.client.patch("Opportunity", oppId, {
        [nextStepField]: update.nextStep,
        // An org without a next step date field keeps the next step alone.
        ...(dateField ? { [dateField]: update.nextStepDate } : {}),
      });
    } catch (error) {
      if (!(error instanceof SalesforceError) || error.status !== 400) throw error;
      // Salesforce's own validation message, next to the field it names.
      const field = dateField && error.fields.includes(dateField) ? "nextStepDate" : "nextStep";
      throw new WriteBackError(error.apiMessage ?? error.message, field, { cause: error });
    }
  }
}

/** The domain fields the org has ("opportunity.deckUrl", "rep.segment"), and the key that maps a missing one. */
export function availableFields(resolution: FieldResolution): AvailableFields {
  const fields = new Set<string>();
  const keys = new Map<string, string>();
  for (const object of Object.keys(resolution.map) as SalesforceObject[]) {
    for (const field of Object.keys(resolution.map[object])) fields.add(`${DOMAIN_OBJECT[object]}.${field}`);
  }
  for (const problem of [...resolution.missing, ...resolution.wrongKind]) {
    keys.set(
      `${DOMAIN_OBJECT[problem.object]}.${problem.domainField}`,
      fieldMapKey(problem.object, problem.domainField),
    );
  }
  return {
    fields,
    hint: (field) => {
      const [object = "", name = ""] = field.split(".");
      const key = keys.get(field) ?? `salesforce.fieldMap.${object === "rep" ? "user" : object}.${name}`;
      return `map ${key}`;
    },
  };
}
