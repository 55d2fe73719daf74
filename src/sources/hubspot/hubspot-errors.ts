// HubSpot failures as one-line messages that name what to fix. The token is never in them.
import { NudgebotError } from "../../errors.ts";

export const READ_SCOPES = [
  "crm.objects.deals.read",
  "crm.objects.companies.read",
  "crm.objects.owners.read",
  "crm.schemas.deals.read",
  "crm.schemas.companies.read",
];

export class HubspotError extends NudgebotError {
  /** HubSpot's own words (a validation message), when it sent an error body. */
  apiMessage: string | null = null;
  /** The properties HubSpot named in a validation error. */
  properties: string[] = [];

  constructor(
    readonly hubspotCode: "AUTH_FAILED" | "NO_SCOPE" | "NOT_FOUND" | "INVALID" | "UNAVAILABLE" | "API_BUDGET",
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super("SOURCE_UNREADABLE", message, options);
  }
}

interface HubspotErrorBody {
  message?: string;
  category?: string;
  errors?: { message?: string; context?: { propertyName?: string[]; requiredGranularScopes?: string[] } }[];
  context?: { requiredGranularScopes?: string[]; propertyName?: string[] };
}

/** The error for a refused request: a bad token, a missing scope, a validation message. */
export function describeHubspotError(status: number, body: unknown, what: string): HubspotError {
  const parsed = (body ?? {}) as HubspotErrorBody;
  const words = parsed.message ?? `HTTP ${status}`;
  if (status === 401) {
    return new HubspotError(
      "AUTH_FAILED",
      `HUBSPOT_ACCESS_TOKEN was refused: ${words}. Create a private app (or service key) with the scopes ${READ_SCOPES.join(", ")} (and crm.objects.deals.write for write-back) and set its access token.`,
      status,
    );
  }
  if (status === 403) {
    const scopes = [
      ...(parsed.context?.requiredGranularScopes ?? []),
      ...(parsed.errors ?? []).flatMap((error) => error.context?.requiredGranularScopes ?? []),
    ];
    const named = scopes.length > 0 ? scopes.join(", ") : "the scope this needs";
    return new HubspotError(
      "NO_SCOPE",
      `HubSpot refused ${what}: the private app behind HUBSPOT_ACCESS_TOKEN lacks ${named}. Add it under the app's Scopes and set the new token. (${words})`,
      status,
    );
  }
  const error = new HubspotError(
    status === 404 ? "NOT_FOUND" : status >= 500 || status === 429 ? "UNAVAILABLE" : "INVALID",
    `HubSpot ${what} failed: ${words}`,
    status,
  );
  error.apiMessage = parsed.errors?.[0]?.message ?? parsed.message ?? null;
  error.properties = [
    ...(parsed.context?.propertyName ?? []),
    ...(parsed.errors ?? []).flatMap((item) => item.context?.propertyName ?? []),
  ];
  return error;
}
