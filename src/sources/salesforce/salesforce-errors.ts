// Salesforce failures as one-line messages that name what to fix.
import { NudgebotError } from "../../errors.ts";

export type SalesforceErrorCode =
  | "AUTH_FAILED"
  | "SESSION_EXPIRED"
  | "INVALID_FIELD"
  | "MALFORMED_QUERY"
  | "NO_PERMISSION"
  | "UNAVAILABLE"
  | "REQUEST_FAILED"
  | "API_BUDGET";

export class SalesforceError extends NudgebotError {
  readonly salesforceCode: SalesforceErrorCode;
  readonly status: number | null;
  /** Salesforce's own words and the fields it named, when it sent an error body. */
  apiMessage: string | null = null;
  /** Salesforce's own error code (FIELD_CUSTOM_VALIDATION_EXCEPTION, ENTITY_IS_DELETED …). */
  apiCode: string | null = null;
  fields: string[] = [];

  constructor(
    code: SalesforceErrorCode,
    message: string,
    status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super("SOURCE_UNREADABLE", message, options);
    this.salesforceCode = code;
    this.status = status;
  }
}

export interface SalesforceApiError {
  message?: string;
  errorCode?: string;
  fields?: string[];
}

/** Turns Salesforce's `[{ message, errorCode }]` body into a sentence for the admin. */
export function describeApiErrors(status: number, body: unknown, what: string): SalesforceError {
  const error = classify(status, body, what);
  const first = (Array.isArray(body) ? (body as SalesforceApiError[]) : [])[0];
  error.apiMessage = first?.message?.trim() || null;
  error.apiCode = first?.errorCode ?? null;
  error.fields = first?.fields ?? [];
  return error;
}

function classify(status: number, body: unknown, what: string): SalesforceError {
  const errors = Array.isArray(body) ? (body as SalesforceApiError[]) : [];
  const first = errors[0] ?? {};
  const code = status === 401 ? "INVALID_SESSION_ID" : (first.errorCode ?? `HTTP_${status}`);
  const message = (first.message ?? "").replace(/\s+/g, " ").trim();
  switch (code) {
    case "INVALID_FIELD": {
      const field = /No such column '([^']+)' on entity '([^']+)'/.exec(message);
      const hint = field ? `${field[2]} has no field ${field[1]}` : message;
      return new SalesforceError(
        "INVALID_FIELD",
        `Salesforce: ${hint}. Fix the field under salesforce.fieldMap in the config, or add the field to the org (nudgebot check-config lists every missing one).`,
        status,
      );
    }
    case "MALFORMED_QUERY":
      return new SalesforceError(
        "MALFORMED_QUERY",
        `Salesforce rejected the query for ${what}: ${message}. Check salesforce.fieldMap in the config.`,
        status,
      );
    case "INVALID_SESSION_ID":
      return new SalesforceError("SESSION_EXPIRED", "Salesforce session expired or was revoked.", status);
    case "INSUFFICIENT_ACCESS_OR_READONLY":
    case "INSUFFICIENT_ACCESS":
    case "API_DISABLED_FOR_ORG":
    case "API_CURRENTLY_DISABLED":
    case "FUNCTIONALITY_NOT_ENABLED":
      return new SalesforceError(
        "NO_PERMISSION",
        `Salesforce refused ${what} (${code}): give the integration user API access and read access to Opportunity, Account and User (and edit on Opportunity for write-back).`,
        status,
      );
    default:
      return new SalesforceError(
        status >= 500 ? "UNAVAILABLE" : "REQUEST_FAILED",
        `Salesforce ${what} failed (${code}${message ? `: ${message}` : ""}).`,
        status,
      );
  }
}
