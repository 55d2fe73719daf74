// `nudgebot check-config`: the effective configuration, secrets masked; with the Salesforce source,
// also a login and a check of every mapped field against the org.
import { stringify } from "yaml";
import type { App } from "../../app.ts";
import { describeConfig } from "../../config/describe-config.ts";
import { findMissingFields } from "../../sources/salesforce/check-fields.ts";
import { SalesforceSource } from "../../sources/salesforce/salesforce-source.ts";
import type { Output } from "../output.ts";

export async function checkConfig(app: App, output: Output): Promise<number> {
  output.out(stringify(describeConfig(app.config)).trimEnd());
  if (app.source instanceof SalesforceSource) {
    const { client, fieldMap } = app.source;
    output.progress("Logging in to Salesforce and describing Opportunity, Account and User…");
    const instance = await client.instanceUrl();
    const missing = await findMissingFields(client, fieldMap);
    output.done();
    output.err(`Logged in to ${instance}.`);
    if (missing.length > 0) {
      for (const field of missing) {
        output.err(
          `Salesforce: ${field.object} has no field ${field.path} (mapped to ${field.domainField}); set salesforce.fieldMap.${field.object.toLowerCase()}.${field.domainField} in the config.`,
        );
      }
      return 1;
    }
    output.err("Every mapped Salesforce field exists.");
  }
  output.err("Configuration is valid.");
  return 0;
}
