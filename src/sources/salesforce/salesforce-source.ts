// The Salesforce source: one SOQL query per object per scan, mapped through the field map, and
// "Update next step" written back with a PATCH on the opportunity.
import type { IsoDate } from "../../domain/model.ts";
import { WriteBackError } from "../../errors.ts";
import type { Logger } from "../../logging.ts";
import type { PipelineSource, SourceLoad } from "../source.ts";
import type { FieldMap } from "./field-map.ts";
import { mapAccounts, mapOpportunities, mapUsers, type SalesforceRecord } from "./map-records.ts";
import type { SalesforceClient } from "./salesforce-client.ts";
import { SalesforceError } from "./salesforce-errors.ts";
import { accountsQuery, opportunitiesQuery, usersQuery } from "./soql.ts";

export interface SalesforceSourceOptions {
  client: SalesforceClient;
  fieldMap: FieldMap;
  logger: Logger;
  /** Closed opportunities are read back this many days (closed-reason-missing looks at them). */
  closedWithinDays: number;
}

export class SalesforceSource implements PipelineSource {
  readonly name = "salesforce";

  constructor(private readonly options: SalesforceSourceOptions) {}

  get client(): SalesforceClient {
    return this.options.client;
  }

  get fieldMap(): FieldMap {
    return this.options.fieldMap;
  }

  async load(): Promise<SourceLoad> {
    const { client, fieldMap, logger } = this.options;
    const requestsBefore = client.requests;
    const [users, accounts, opportunities] = await Promise.all([
      client.query<SalesforceRecord>(usersQuery(fieldMap), "reading users"),
      client.query<SalesforceRecord>(accountsQuery(fieldMap), "reading accounts"),
      client.query<SalesforceRecord>(
        opportunitiesQuery(fieldMap, this.options.closedWithinDays),
        "reading opportunities",
      ),
    ]);
    const instanceUrl = await client.instanceUrl();
    const reps = mapUsers(users, fieldMap);
    const accountRecords = mapAccounts(accounts, fieldMap);
    const opportunityRecords = mapOpportunities(opportunities, fieldMap, instanceUrl);
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
    return {
      snapshot: {
        reps: reps.values,
        accounts: accountRecords.values,
        opportunities: opportunityRecords.values,
      },
      issues: [...reps.issues, ...accountRecords.issues, ...opportunityRecords.issues],
    };
  }

  async updateNextStep(oppId: string, update: { nextStep: string; nextStepDate: IsoDate }): Promise<void> {
    const map = this.options.fieldMap.opportunity;
    try {
      await this.options.client.patch("Opportunity", oppId, {
        [map.nextStep]: update.nextStep,
        [map.nextStepDate]: update.nextStepDate,
      });
    } catch (error) {
      if (!(error instanceof SalesforceError) || error.status !== 400) throw error;
      // Salesforce's own validation message, next to the field it names.
      const field = error.fields.includes(map.nextStepDate) ? "nextStepDate" : "nextStep";
      throw new WriteBackError(error.apiMessage ?? error.message, field, { cause: error });
    }
  }
}
