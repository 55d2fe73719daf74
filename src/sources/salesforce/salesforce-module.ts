// Salesforce as the registry lists it: its environment variables, its `salesforce:` config block,
// how its settings are checked and shown, and how its source is built.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { type CrmDeps, defineCrm } from "../crm/crm-module.ts";
import { fieldMapSchema } from "../crm/field-map-schema.ts";
import { DEFAULT_FIELD_MAP, FIELD_PATH, type FieldMap, mergeFieldMap } from "./field-map.ts";
import { JwtBearerAuth, type SessionProvider, StaticTokenAuth } from "./salesforce-auth.ts";
import { SalesforceClient, type SalesforceRetryPolicy } from "./salesforce-client.ts";
import { SalesforceSource } from "./salesforce-source.ts";

export interface SalesforceSettings {
  loginUrl: string;
  clientId: string | undefined;
  username: string | undefined;
  /** The PEM key itself, read from SALESFORCE_PRIVATE_KEY_FILE when that is how it was given. */
  privateKey: string | undefined;
  instanceUrl: string | undefined;
  accessToken: string | undefined;
  apiVersion: string;
  fieldMap: FieldMap;
  maxApiUsagePercent: number;
  /** The config's admins: in an org without a role field, the users who are admins. */
  admins: string[];
}

const env = {
  SALESFORCE_LOGIN_URL: z
    .url("expected a URL such as https://login.salesforce.com")
    .default("https://login.salesforce.com"),
  SALESFORCE_CLIENT_ID: z.string().optional(),
  SALESFORCE_USERNAME: z.string().optional(),
  SALESFORCE_PRIVATE_KEY: z.string().optional(),
  SALESFORCE_PRIVATE_KEY_FILE: z.string().optional(),
  SALESFORCE_INSTANCE_URL: z.url("expected the org's URL such as https://acme.my.salesforce.com").optional(),
  SALESFORCE_ACCESS_TOKEN: z.string().optional(),
};

const map = fieldMapSchema(
  "expected a Salesforce field name or path such as Amount or Owner.Email, a list of them (the first the org has is used), or null",
  FIELD_PATH,
);

const block = z.strictObject({
  apiVersion: z
    .string()
    .regex(/^\d+\.0$/, "expected an API version such as 62.0")
    .default("62.0"),
  /** Reads pause while the org's daily API usage is above this percentage. */
  maxApiUsagePercent: z
    .number()
    .gt(0, "expected a percentage from 1 to 100")
    .max(100, "expected a percentage from 1 to 100")
    .default(80),
  /** Overrides of SPEC's default field map, per object and domain field. */
  fieldMap: z
    .strictObject({
      opportunity: map(Object.keys(DEFAULT_FIELD_MAP.opportunity)),
      account: map(Object.keys(DEFAULT_FIELD_MAP.account)),
      user: map(Object.keys(DEFAULT_FIELD_MAP.user)),
    })
    .default({ opportunity: {}, account: {}, user: {} }),
});

/** A way to log in must be complete, one line per missing piece. */
function loginProblems(settings: SalesforceSettings): string[] {
  if (settings.instanceUrl || settings.accessToken) {
    return [
      settings.instanceUrl
        ? null
        : "SALESFORCE_INSTANCE_URL: needed with SALESFORCE_ACCESS_TOKEN (the org's URL)",
      settings.accessToken ? null : "SALESFORCE_ACCESS_TOKEN: needed with SALESFORCE_INSTANCE_URL",
    ].filter((line): line is string => line !== null);
  }
  return [
    settings.clientId ? null : "SALESFORCE_CLIENT_ID: needed to log in (the connected app's consumer key)",
    settings.username ? null : "SALESFORCE_USERNAME: needed to log in (the integration user)",
    settings.privateKey
      ? null
      : "SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE: needed to sign the login (the connected app's key)",
  ].filter((line): line is string => line !== null);
}

export function salesforceSession(settings: SalesforceSettings): SessionProvider {
  if (settings.clientId && settings.username && settings.privateKey) {
    return new JwtBearerAuth({
      loginUrl: settings.loginUrl,
      clientId: settings.clientId,
      username: settings.username,
      privateKey: settings.privateKey,
    });
  }
  return new StaticTokenAuth({
    instanceUrl: settings.instanceUrl ?? "",
    accessToken: settings.accessToken ?? "",
  });
}

export function createSalesforceSource(
  settings: SalesforceSettings,
  deps: Pick<CrmDeps, "logger" | "closedWithinDays" | "onFailure"> & { retry?: SalesforceRetryPolicy },
): { source: SalesforceSource; client: SalesforceClient } {
  const client = new SalesforceClient({
    auth: salesforceSession(settings),
    apiVersion: settings.apiVersion,
    logger: deps.logger,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.onFailure ? { onFailure: deps.onFailure } : {}),
  });
  const source = new SalesforceSource({
    client,
    fieldMap: settings.fieldMap,
    logger: deps.logger,
    closedWithinDays: deps.closedWithinDays,
    admins: settings.admins,
    maxApiUsagePercent: settings.maxApiUsagePercent,
  });
  return { source, client };
}

export const salesforceModule = defineCrm({
  name: "salesforce",
  linkLabel: "Salesforce",
  env,
  config: block.default(() => block.parse({})),
  settings(vars, file, shared) {
    let privateKey = vars.SALESFORCE_PRIVATE_KEY?.replace(/\\n/g, "\n");
    let keyFileProblem: string | undefined;
    if (!privateKey && vars.SALESFORCE_PRIVATE_KEY_FILE) {
      try {
        privateKey = readFileSync(vars.SALESFORCE_PRIVATE_KEY_FILE, "utf8");
      } catch (error) {
        keyFileProblem = `SALESFORCE_PRIVATE_KEY_FILE: cannot read ${vars.SALESFORCE_PRIVATE_KEY_FILE} (${(error as NodeJS.ErrnoException).code ?? error})`;
      }
    }
    const settings: SalesforceSettings = {
      loginUrl: vars.SALESFORCE_LOGIN_URL,
      clientId: vars.SALESFORCE_CLIENT_ID,
      username: vars.SALESFORCE_USERNAME,
      privateKey,
      instanceUrl: vars.SALESFORCE_INSTANCE_URL,
      accessToken: vars.SALESFORCE_ACCESS_TOKEN,
      apiVersion: file.apiVersion,
      fieldMap: mergeFieldMap(file.fieldMap),
      admins: shared.admins,
      maxApiUsagePercent: file.maxApiUsagePercent,
    };
    return { settings, problems: keyFileProblem ? [keyFileProblem] : loginProblems(settings) };
  },
  describe(settings, mask) {
    return {
      environment: {
        SALESFORCE_LOGIN_URL: settings.loginUrl,
        SALESFORCE_CLIENT_ID: settings.clientId ?? "(not set)",
        SALESFORCE_USERNAME: settings.username ?? "(not set)",
        SALESFORCE_PRIVATE_KEY: mask(settings.privateKey),
        SALESFORCE_INSTANCE_URL: settings.instanceUrl ?? "(not set)",
        SALESFORCE_ACCESS_TOKEN: mask(settings.accessToken),
      },
      config: {
        apiVersion: settings.apiVersion,
        maxApiUsagePercent: settings.maxApiUsagePercent,
        fieldMap: settings.fieldMap,
      },
    };
  },
  create: (settings, deps) =>
    createSalesforceSource(settings, { ...deps, logger: deps.logger.child({ component: "salesforce" }) })
      .source,
});
