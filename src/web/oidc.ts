// Sign in with Slack (OpenID Connect) through openid-client: the authorize URL with state, nonce
// and PKCE, then the code exchanged at openid.connect.token and the person read at
// openid.connect.userInfo, both through SLACK_API_URL. Slack's metadata is known, so nothing is
// discovered at start-up; the endpoints sit on SLACK_API_URL's origin, so a stand-in Slack serves all.
// Only people of the bot's own workspace get in, and an email counts only when Slack verified it.
import * as client from "openid-client";
import type { Identity } from "./session-cookie.ts";

export const SLACK_ISSUER = "https://slack.com";
export const SLACK_SCOPES = "openid email profile";
export const TEAM_CLAIM = "https://slack.com/team_id";
export const USER_CLAIM = "https://slack.com/user_id";

export interface SlackOidcOptions {
  clientId: string;
  clientSecret: string;
  /** SLACK_API_URL, e.g. https://slack.com/api/ */
  apiUrl: string;
  /** Where Slack sends people back: <CONSOLE_URL>/admin/auth/callback */
  redirectUri: string;
  /** The bot's workspace (auth.test's team_id): the only one whose people may sign in. */
  teamId: string;
}

/** A refused or failed sign-in: `reason` is for the log, never the page. */
export class SignInError extends Error {
  readonly code = "sign_in_failed";
  constructor(
    message: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
}

export class SlackOidc {
  private readonly config: client.Configuration;

  constructor(private readonly options: SlackOidcOptions) {
    const api = new URL(options.apiUrl);
    const base = api.href.endsWith("/") ? api.href : `${api.href}/`;
    this.config = new client.Configuration(
      {
        issuer: SLACK_ISSUER,
        authorization_endpoint: new URL("/openid/connect/authorize", api.origin).href,
        token_endpoint: `${base}openid.connect.token`,
        userinfo_endpoint: `${base}openid.connect.userInfo`,
        jwks_uri: new URL("/openid/connect/keys", api.origin).href,
        code_challenge_methods_supported: ["S256"],
      },
      options.clientId,
      { client_secret: options.clientSecret, redirect_uris: [options.redirectUri] },
    );
    // Plain http only ever to a stand-in Slack on this machine (the tests); Slack itself is https.
    if (api.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(api.hostname))
      client.allowInsecureRequests(this.config);
  }

  async start(): Promise<AuthorizationStart> {
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.options.redirectUri,
      scope: SLACK_SCOPES,
      response_type: "code",
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      // Slack signs the person in to this workspace (skipping its workspace picker).
      team: this.options.teamId,
    });
    return { url, state, nonce, verifier };
  }

  /**
   * The person who signed in, from the callback URL Slack sent the browser to. The state, the
   * nonce in the ID token, its issuer, audience and lifetime are all checked.
   */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; verifier: string },
  ): Promise<Identity> {
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(this.config, callbackUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.verifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new SignInError("Slack did not confirm the sign-in.", describe(error), { cause: error });
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInError("Slack did not confirm the sign-in.", "no ID token");
    let info: client.UserInfoResponse;
    try {
      info = await client.fetchUserInfo(this.config, tokens.access_token, claims.sub);
    } catch (error) {
      throw new SignInError("Slack did not say who signed in.", describe(error), { cause: error });
    }
    // The same Slack account can belong to many workspaces: only the bot's own counts, and both
    // answers must say so (userInfo, when it names a team, cannot contradict the ID token).
    const team = this.options.teamId;
    if (claims[TEAM_CLAIM] !== team || (info[TEAM_CLAIM] !== undefined && info[TEAM_CLAIM] !== team)) {
      throw new SignInError(
        "This Slack account is not in the workspace this console belongs to. Sign in to that workspace and try again.",
        `workspace ${String(claims[TEAM_CLAIM] ?? "(none)")} / ${String(info[TEAM_CLAIM] ?? "(none)")} is not ${team}`,
      );
    }
    const userId = String(info[USER_CLAIM] ?? claims[USER_CLAIM] ?? claims.sub);
    // An email decides who someone is in the CRM: only one Slack has verified may.
    const email = verifiedEmail(info) ?? verifiedEmail(claims);
    const name = info.name ?? claims.name;
    return { userId, email, name: typeof name === "string" ? name : null };
  }
}

function verifiedEmail(claims: Record<string, unknown>): string | null {
  return typeof claims.email === "string" && claims.email_verified === true
    ? claims.email.toLowerCase()
    : null;
}

function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError)
    return `${error.error}: ${error.error_description ?? ""}`.trim();
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string })?.code;
  return code ? `${code}: ${text}` : text;
}
