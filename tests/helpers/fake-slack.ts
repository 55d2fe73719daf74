// A stand-in for the Slack Web API: answers the methods the bot uses like Slack does, records every
// call, and can be told to fail the next calls of a method (429, 500, an error code). In-process it
// sits behind nock; for a child process or a benchmark it listens on loopback.
import { createServer, type Server } from "node:http";
import nock from "nock";

export const SLACK_API_URL = "http://slack.test/api/";
export const RESPONSE_URL_BASE = "http://slack.test/respond/";

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  /** Where the call went: for `respond`, which response URL (so which request) it answers. */
  path?: string;
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

function parseBody(body: unknown): Record<string, unknown> {
  if (body && typeof body === "object") return body as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(String(body ?? ""))) {
    try {
      params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      params[key] = value;
    }
  }
  return params;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** email → user id of the workspace's members. */
  readonly users = new Map<string, string>();
  /** user id → the time zone of their profile (`tz`), for those who have one. */
  readonly timezones = new Map<string, string>();
  /** user id → profile status fields, as users.info and users.list return them. */
  readonly statuses = new Map<
    string,
    { status_text: string; status_emoji: string; status_expiration: number }
  >();
  /** Where apps.connections.open sends a Socket Mode client. */
  socketUrl = "";
  private readonly scripted = new Map<string, Scripted[]>();
  private readonly posted: { channel: string; ts: string; metadata: unknown }[] = [];
  private tsCounter = 0;

  /** Sets (or, with null, clears) a user's Slack status. */
  setStatus(id: string, emoji: string, text: string, expiration = 0): this {
    this.statuses.set(id, { status_emoji: emoji, status_text: text, status_expiration: expiration });
    return this;
  }

  addUser(email: string, id: string, tz?: string): this {
    this.users.set(email, id);
    if (tz) this.timezones.set(id, tz);
    return this;
  }

  /** The next call(s) of `method` get this answer instead of the normal one. */
  failNext(method: string, answer: Scripted, times = 1): this {
    const queue = this.scripted.get(method) ?? [];
    for (let index = 0; index < times; index++) queue.push(answer);
    this.scripted.set(method, queue);
    return this;
  }

  rateLimitNext(method: string, retryAfterSeconds: number): this {
    return this.failNext(method, {
      status: 429,
      headers: { "retry-after": String(retryAfterSeconds) },
      body: { ok: false, error: "ratelimited" },
    });
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages that reached a channel (successful chat.postMessage calls). */
  get delivered(): { channel: string; ts: string; metadata: unknown }[] {
    return this.posted;
  }

  /** Answers one call: a scripted failure if one is queued for the method, else Slack's answer. */
  handle(path: string, body: unknown): Scripted {
    const method = path.startsWith("/respond/") ? "respond" : path.replace(/^\/api\//, "");
    const params = parseBody(body);
    this.calls.push({ method, params, path });
    const scripted = this.scripted.get(method)?.shift();
    return scripted ?? { status: 200, body: this.answer(method, params) };
  }

  install(): void {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock("http://slack.test")
      .persist()
      .post(/.*/)
      .reply((uri, body) => {
        const answer = this.handle(uri, body);
        return [answer.status, answer.body, answer.headers ?? {}];
      });
  }

  /**
   * Serves the same answers over HTTP on loopback; resolves to the API base URL. `intercept` runs
   * after a call was handled (a post has landed) and before it is answered: "hang" never answers
   * (the caller times out), "reset" drops the connection; either way the caller cannot know.
   */
  async listen(
    options: {
      delayMs?: number;
      intercept?: (method: string) => Promise<"answer" | "hang" | "reset"> | "answer" | "hang" | "reset";
    } = {},
  ): Promise<{ url: string; server: Server }> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const text = Buffer.concat(chunks).toString("utf8");
        const body = (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(text || "{}") : text;
        const answer = this.handle(req.url ?? "/", body);
        const then = (await options.intercept?.((req.url ?? "").replace(/^\/api\//, ""))) ?? "answer";
        if (then === "hang") return;
        if (then === "reset") {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = address && typeof address === "object" ? address.port : 0;
    return { url: `http://127.0.0.1:${port}/api/`, server };
  }

  uninstall(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "apps.connections.open":
        return { ok: true, url: this.socketUrl };
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "nudgebot" };
      case "chat.postMessage": {
        const channel = String(params.channel);
        const ts = `1773154800.${String(++this.tsCounter).padStart(6, "0")}`;
        const dm = channel.startsWith("U") ? `D${channel.slice(1)}` : channel;
        this.posted.push({ channel: dm, ts, metadata: params.metadata });
        return { ok: true, channel: dm, ts };
      }
      case "chat.update":
        return { ok: true, channel: params.channel, ts: params.ts };
      case "users.lookupByEmail": {
        const id = this.users.get(String(params.email));
        return id
          ? { ok: true, user: { id, tz: this.timezones.get(id), profile: { email: params.email } } }
          : { ok: false, error: "users_not_found" };
      }
      case "users.list":
        return {
          ok: true,
          members: [...this.users].map(([email, id]) => ({
            id,
            tz: this.timezones.get(id),
            profile: { email, ...this.statuses.get(id) },
          })),
          response_metadata: { next_cursor: "" },
        };
      case "users.info": {
        const entry = [...this.users].find(([, id]) => id === params.user);
        return entry
          ? { ok: true, user: { id: entry[1], profile: { email: entry[0], ...this.statuses.get(entry[1]) } } }
          : { ok: false, error: "user_not_found" };
      }
      case "conversations.join":
        return { ok: true, channel: { id: params.channel } };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(params.users).slice(1)}` } };
      case "conversations.history": {
        // Newest first, from `oldest` on, `limit` a page, with a cursor: as Slack pages it.
        const matching = this.posted
          .filter((message) => message.channel === params.channel)
          .filter((message) => !params.oldest || Number(message.ts) >= Number(params.oldest))
          .reverse();
        const from = Number(params.cursor ?? 0);
        const limit = Number(params.limit ?? 100);
        const more = from + limit < matching.length;
        return {
          ok: true,
          messages: matching.slice(from, from + limit).map(({ ts, metadata }) => ({ ts, metadata })),
          has_more: more,
          response_metadata: { next_cursor: more ? String(from + limit) : "" },
        };
      }
      case "conversations.list":
        return {
          ok: true,
          channels: [
            { id: "CGENERAL", name: "general" },
            { id: "CTEAM", name: "commercial_global_all" },
          ],
          response_metadata: { next_cursor: "" },
        };
      case "views.open":
      case "views.update":
      case "views.publish":
        return { ok: true, view: { id: "V1" } };
      case "respond":
        return { ok: true };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}
