// Builds the Salesforce source from the configuration: JWT bearer login when the connected app is
// configured, else the given instance URL and access token.
import type { SalesforceSettings } from "../../config/config.ts";
import type { Logger } from "../../logging.ts";
import { JwtBearerAuth, type SessionProvider, StaticTokenAuth } from "./salesforce-auth.ts";
import { SalesforceClient, type SalesforceRetryPolicy } from "./salesforce-client.ts";
import { SalesforceSource } from "./salesforce-source.ts";

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
  logger: Logger,
  options: { closedWithinDays: number; retry?: SalesforceRetryPolicy; onFailure?: (code: string) => void },
): { source: SalesforceSource; client: SalesforceClient } {
  const client = new SalesforceClient({
    auth: salesforceSession(settings),
    apiVersion: settings.apiVersion,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
  });
  const source = new SalesforceSource({
    client,
    fieldMap: settings.fieldMap,
    logger,
    closedWithinDays: options.closedWithinDays,
    admins: settings.admins,
    maxApiUsagePercent: settings.maxApiUsagePercent,
  });
  return { source, client };
}
