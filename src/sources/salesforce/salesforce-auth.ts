// Salesforce sessions: minted with the OAuth 2.0 JWT bearer flow (RS256 assertion signed with the
// connected app's key), or a token obtained elsewhere. A JWT session can be minted again on a 401.
import { importPKCS8, SignJWT } from "jose";
import { SalesforceError } from "./salesforce-errors.ts";

export interface SalesforceSession {
  instanceUrl: string;
  accessToken: string;
}

export interface SessionProvider {
  /** The current session, minting one the first time. */
  session(): Promise<SalesforceSession>;
  /** A new session after the old one was refused (401); throws when that is impossible. */
  renew(): Promise<SalesforceSession>;
}

export interface JwtBearerOptions {
  loginUrl: string;
  clientId: string;
  username: string;
  privateKey: string;
  clock?: () => Date;
  timeoutMs?: number;
}

export class JwtBearerAuth implements SessionProvider {
  private current: Promise<SalesforceSession> | null = null;

  constructor(private readonly options: JwtBearerOptions) {}

  session(): Promise<SalesforceSession> {
    if (!this.current) {
      this.current = this.mint();
      this.current.catch(() => {
        this.current = null;
      });
    }
    return this.current;
  }

  renew(): Promise<SalesforceSession> {
    this.current = null;
    return this.session();
  }

  private async mint(): Promise<SalesforceSession> {
    const { loginUrl, clientId, username, privateKey } = this.options;
    let key: Awaited<ReturnType<typeof importPKCS8>>;
    try {
      key = await importPKCS8(privateKey, "RS256");
    } catch (error) {
      throw new SalesforceError(
        "AUTH_FAILED",
        "SALESFORCE_PRIVATE_KEY is not a PEM private key (-----BEGIN PRIVATE KEY-----, PKCS#8): convert it with `openssl pkcs8 -topk8 -nocrypt`.",
        null,
        { cause: error },
      );
    }
    const now = Math.floor((this.options.clock?.() ?? new Date()).getTime() / 1000);
    const audience = loginUrl.replace(/\/+$/, "");
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(clientId)
      .setSubject(username)
      .setAudience(audience)
      .setExpirationTime(now + 180)
      .sign(key);
    let response: Response;
    try {
      response = await fetch(`${audience}/services/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
          assertion,
        }).toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new SalesforceError(
        "UNAVAILABLE",
        `Cannot reach ${audience} to log in to Salesforce (${(error as Error).message}).`,
        null,
        {
          cause: error,
        },
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      instance_url?: string;
      error?: string;
      error_description?: string;
    };
    if (!response.ok || !body.access_token || !body.instance_url) {
      const reason = body.error
        ? `${body.error}: ${body.error_description ?? ""}`.trim()
        : `HTTP ${response.status}`;
      throw new SalesforceError(
        "AUTH_FAILED",
        `Salesforce refused the login (${reason}). Check SALESFORCE_USERNAME, SALESFORCE_CLIENT_ID, the private key, SALESFORCE_LOGIN_URL (login or test), and that the connected app is pre-authorized for the user.`,
        response.status,
      );
    }
    return { instanceUrl: body.instance_url.replace(/\/+$/, ""), accessToken: body.access_token };
  }
}

/** A session obtained elsewhere (SALESFORCE_INSTANCE_URL + SALESFORCE_ACCESS_TOKEN). */
export class StaticTokenAuth implements SessionProvider {
  constructor(private readonly fixed: SalesforceSession) {}

  async session(): Promise<SalesforceSession> {
    return { ...this.fixed, instanceUrl: this.fixed.instanceUrl.replace(/\/+$/, "") };
  }

  async renew(): Promise<SalesforceSession> {
    throw new SalesforceError(
      "AUTH_FAILED",
      "SALESFORCE_ACCESS_TOKEN was refused (expired or revoked): get a new one, or set the JWT bearer variables so nudgebot can log in by itself.",
      401,
    );
  }
}
