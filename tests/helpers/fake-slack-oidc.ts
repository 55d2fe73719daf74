// A stand-in for Sign in with Slack on loopback: the authorize page sends the browser straight back
// with a code for whoever the test chose; the token endpoint checks the client, the PKCE verifier and
// that each code is used once, and issues an ID token signed with a key of its own (nonce included);
// the JWKS and userInfo answer as Slack's do, with the workspace claims Slack puts in both (team id,
// name and domain). Other Web API methods go to a FakeSlack, so one server is the whole SLACK_API_URL
// for the bot and the console.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import type { FakeSlack } from "./fake-slack.ts";

export const CLIENT_ID = "1111.2222";
export const CLIENT_SECRET = "console-client-secret-for-tests";
/** The workspace FakeSlack's auth.test names: the bot's. */
export const TEAM_ID = "T1";

export interface SlackPerson {
  userId: string;
  email: string;
  name: string;
  /** The workspace they sign in to; the bot's (TEAM_ID) when left out. */
  teamId?: string;
  /** Whether Slack has verified their email; true when left out, the claim left out when null. */
  emailVerified?: boolean | null;
}

/** The claims Slack puts in both the ID token and the userInfo answer. */
function slackClaims(person: SlackPerson): Record<string, unknown> {
  const team = person.teamId ?? TEAM_ID;
  return {
    email: person.email,
    ...(person.emailVerified === null ? {} : { email_verified: person.emailVerified ?? true }),
    name: person.name,
    "https://slack.com/user_id": person.userId,
    "https://slack.com/team_id": team,
    "https://slack.com/team_name": `Workspace ${team}`,
    "https://slack.com/team_domain": team.toLowerCase(),
  };
}

interface Grant {
  person: SlackPerson;
  nonce: string;
  challenge: string;
  redirectUri: string;
}

export class FakeSlackOidc {
  /** Who signs in at the next authorize request; null: the person cancels. */
  signInAs: SlackPerson | null = null;
  /** Codes issued, each usable once. */
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, SlackPerson>();
  /** What the token endpoint refused, for assertions. */
  readonly refusals: string[] = [];
  private server: Server | null = null;
  private key: { privateKey: CryptoKey; jwk: JWK } | null = null;
  apiUrl = "";

  constructor(private readonly slack?: FakeSlack) {}

  async listen(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    this.key = {
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" },
    };
    const server = createServer((req, res) => {
      void this.route(req).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        },
        (error: Error) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(error.message);
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    const address = server.address();
    const port = address && typeof address === "object" ? address.port : 0;
    this.apiUrl = `http://127.0.0.1:${port}/api/`;
    return this.apiUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The authorize step without a browser: the callback URL Slack would send the person to. */
  async authorize(authorizeUrl: string): Promise<string> {
    const answer = await this.route({
      method: "GET",
      url: new URL(authorizeUrl).pathname + new URL(authorizeUrl).search,
    } as IncomingMessage);
    const location = answer.headers.location;
    if (!location) throw new Error(`authorize answered ${answer.status}: ${answer.body}`);
    return location;
  }

  private async route(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const json = (status: number, body: unknown) => ({
      status,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
    });
    if (url.pathname === "/openid/connect/authorize") return this.authorizeAnswer(url);
    if (url.pathname === "/openid/connect/keys") return json(200, { keys: [this.key?.jwk] });
    const body = req.method === "POST" ? await readBody(req) : "";
    if (url.pathname === "/api/openid.connect.token")
      return json(200, await this.token(new URLSearchParams(body)));
    if (url.pathname === "/api/openid.connect.userInfo") {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const person = bearer ? this.tokens.get(bearer) : undefined;
      if (!person) return json(200, { ok: false, error: "invalid_auth" });
      return json(200, { ok: true, sub: person.userId, ...slackClaims(person) });
    }
    if (this.slack) {
      const type = req.headers["content-type"] ?? "";
      const answer = this.slack.handle(url.pathname, type.includes("json") ? JSON.parse(body || "{}") : body);
      return {
        ...json(answer.status, answer.body),
        headers: { "content-type": "application/json", ...answer.headers },
      };
    }
    return json(404, { ok: false, error: "unknown_method" });
  }

  private authorizeAnswer(url: URL) {
    const params = url.searchParams;
    const redirectUri = params.get("redirect_uri") ?? "";
    const back = new URL(redirectUri);
    if (params.get("state")) back.searchParams.set("state", params.get("state") as string);
    if (!this.signInAs || params.get("client_id") !== CLIENT_ID) {
      back.searchParams.set("error", this.signInAs ? "invalid_client_id" : "access_denied");
    } else {
      const code = randomBytes(12).toString("hex");
      this.codes.set(code, {
        person: this.signInAs,
        nonce: params.get("nonce") ?? "",
        challenge: params.get("code_challenge") ?? "",
        redirectUri,
      });
      back.searchParams.set("code", code);
    }
    return { status: 302, headers: { location: back.href }, body: "" };
  }

  private async token(form: URLSearchParams): Promise<Record<string, unknown>> {
    const refuse = (error: string) => {
      this.refusals.push(error);
      return { ok: false, error };
    };
    if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET)
      return refuse("invalid_client");
    const code = form.get("code") ?? "";
    const grant = this.codes.get(code);
    // Used or unknown codes are refused, as Slack does.
    if (!grant) return refuse("invalid_code");
    this.codes.delete(code);
    if (form.get("redirect_uri") !== grant.redirectUri) return refuse("bad_redirect_uri");
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge)
      return refuse("invalid_code_verifier");
    const accessToken = `xoxp-${randomBytes(12).toString("hex")}`;
    this.tokens.set(accessToken, grant.person);
    const idToken = await new SignJWT({ nonce: grant.nonce, ...slackClaims(grant.person) })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer("https://slack.com")
      .setAudience(CLIENT_ID)
      .setSubject(grant.person.userId)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(this.key?.privateKey as CryptoKey);
    return { ok: true, access_token: accessToken, token_type: "Bearer", id_token: idToken };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
