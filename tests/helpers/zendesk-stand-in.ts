// A Zendesk Support API stand-in on loopback (node:http, port 0) with Zendesk's response shapes, for
// end-to-end tests, child processes and the benchmark.
//
//   const zendesk = await startZendeskStandIn({ tickets: 250, now, agents: [{ email, name }] });
//   env: ZENDESK_URL=zendesk.url, ZENDESK_EMAIL=zendesk.email, ZENDESK_API_TOKEN=zendesk.token
//   ... zendesk.count("GET /api/v2/search.json"), zendesk.assignments, zendesk.tickets.get(id)
//   await zendesk.close();
//
// Options (all optional): `email`/`token` (the credentials it accepts; any other answers 401
// "Couldn't authenticate you"), `groups` (names; default Upgrades, Renewals, AR, plus a "Billing"
// group outside the queue), `tickets` (a number N of generated tickets, or StandInTicket objects
// as given), `organizations` (default 20 generated: "Customer 1"…, external ids `001C1`… on odd
// ones, domains `customer1.test`…), `agents` (agent users besides the token's own admin, id 1),
// `now` (what generated breach times count from; default 2026-12-07T23:00:00Z), `meRole`. An agent
// is a member of every group unless its `groups` names some.
//
// Generated ticket i (1-based, id 1000 + i): group round-robin over the queue groups, organization
// ((i − 1) mod organizations) + 1, tags cycling upgrade / renewal / refund / credit / none /
// true_up, one first_reply_time SLA `active` breaching (i × 37 mod 600) + 10 minutes after `now`,
// every third also an `achieved` requester_wait_time, every fifth status pending, none assigned,
// created 30 days before `now` plus ⌊(i − 1) / 3⌋ minutes: three at a time in the same second, as
// a burst of mail makes, so a search cut at 1,000 can fall inside one second.
//
// Serves: GET users/me.json, groups.json (cursor pages of `page[size]`), search.json (the query
// `type:ticket status<solved group:<id>` with any `created>=`, `created>`, `created<=`,
// `created<` terms (ISO 8601 times, or dates as UTC midnight), `sort_by=created_at` with
// `sort_order` asc/desc (ties by id; otherwise by id), `include=tickets(slas)`, offset pages of
// `per_page`, `count` of every match, and 422 for a page past the 1,000th result, as Zendesk
// does), organizations/show_many.json, users/search.json (`email:`),
// users/{id}.json, tickets/{id}.json, and PUT tickets/{id}.json: `assignee_id` with
// `safe_update` + `updated_stamp` answered 409 UpdateConflict when the ticket changed meanwhile,
// and 422 RecordInvalid (Zendesk's `details.assignee` shape) for an assignee outside the ticket's group.
// Every request is recorded (`requests`, `count(route)`); `assignInZendesk` plays an agent taking a
// ticket in Zendesk; `failNext(route, status, retryAfter?)` scripts a 429 or 5xx for the next call.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInSla {
  metric: string;
  stage: "active" | "paused" | "achieved";
  breach_at: string | null;
}

export interface StandInTicket {
  id: number;
  subject: string;
  status: "new" | "open" | "pending" | "hold" | "solved" | "closed";
  group_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  slas: StandInSla[];
}

export interface StandInOrganization {
  id: number;
  name: string;
  external_id: string | null;
  domain_names: string[];
}

export interface StandInUser {
  id: number;
  name: string;
  email: string;
  role: "end-user" | "agent" | "admin";
  /** Group ids the agent is a member of; every group when absent. */
  groupIds?: number[];
}

export interface ZendeskStandInOptions {
  email?: string;
  token?: string;
  groups?: string[];
  tickets?: number | StandInTicket[];
  organizations?: number | StandInOrganization[];
  agents?: { email: string; name: string; groups?: string[] }[];
  now?: Date;
  meRole?: StandInUser["role"];
}

export interface RecordedRequest {
  method: string;
  /** `GET /api/v2/search.json`: the route, ids replaced by `{id}`. */
  route: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface ZendeskStandIn {
  url: string;
  email: string;
  token: string;
  groups: { id: number; name: string }[];
  tickets: Map<number, StandInTicket>;
  organizations: Map<number, StandInOrganization>;
  users: Map<number, StandInUser>;
  requests: RecordedRequest[];
  /** Assignments made through the API, in order. */
  assignments: { ticketId: number; assigneeId: number }[];
  count(route: string): number;
  /** An agent takes the ticket in Zendesk: assigned, and its `updated_at` moves on. */
  assignInZendesk(ticketId: number, userId: number): void;
  /** The next request to `route` answers `status` (with Retry-After seconds for a 429). */
  failNext(route: string, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const QUEUE_GROUPS = ["Upgrades", "Renewals", "AR"];
const TAG_CYCLE = [["upgrade"], ["renewal"], ["refund"], ["credit"], [], ["true_up"]];
const DEFAULT_NOW = new Date("2026-12-07T23:00:00Z");
/** Zendesk's search returns no more than this per query. */
const SEARCH_LIMIT = 1_000;
const CREATED_TERM = /(?:^|\s)created(>=|<=|>|<)(\S+)/g;

export function generateOrganizations(count: number): StandInOrganization[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    return {
      id: 5000 + n,
      name: `Customer ${n}`,
      external_id: n % 2 === 1 ? `001C${n}` : null,
      domain_names: [`customer${n}.test`],
    };
  });
}

export function generateTickets(
  count: number,
  options: { now?: Date; groupIds: number[]; organizations: number },
): StandInTicket[] {
  const now = (options.now ?? DEFAULT_NOW).getTime();
  return Array.from({ length: count }, (_, index) => {
    const i = index + 1;
    const slas: StandInSla[] = [
      {
        metric: "first_reply_time",
        stage: "active",
        breach_at: new Date(now + (((i * 37) % 600) + 10) * 60_000).toISOString(),
      },
    ];
    if (i % 3 === 0) slas.push({ metric: "requester_wait_time", stage: "achieved", breach_at: null });
    return {
      id: 1000 + i,
      subject: `Question ${i} about the account`,
      status: i % 5 === 0 ? "pending" : "open",
      group_id: options.groupIds[index % options.groupIds.length] ?? 0,
      assignee_id: null,
      organization_id: options.organizations > 0 ? 5000 + (index % options.organizations) + 1 : null,
      tags: TAG_CYCLE[index % TAG_CYCLE.length] ?? [],
      created_at: new Date(now - 30 * 86_400_000 + Math.floor(index / 3) * 60_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      updated_at: new Date(now - 3_600_000).toISOString(),
      slas,
    };
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : null;
}

function userJson(base: string, user: StandInUser) {
  return {
    id: user.id,
    url: `${base}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    role: user.role,
    active: true,
    suspended: false,
    verified: true,
    time_zone: "Pacific Time (US & Canada)",
    iana_time_zone: "America/Los_Angeles",
  };
}

function ticketJson(base: string, ticket: StandInTicket, withSlas: boolean) {
  return {
    url: `${base}/api/v2/tickets/${ticket.id}.json`,
    id: ticket.id,
    external_id: null,
    via: { channel: "email" },
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
    type: "question",
    subject: ticket.subject,
    raw_subject: ticket.subject,
    priority: "normal",
    status: ticket.status,
    requester_id: 900,
    submitter_id: 900,
    assignee_id: ticket.assignee_id,
    organization_id: ticket.organization_id,
    group_id: ticket.group_id,
    tags: ticket.tags,
    custom_fields: [],
    ...(withSlas ? { slas: { policy_metrics: ticket.slas } } : {}),
  };
}

export async function startZendeskStandIn(options: ZendeskStandInOptions = {}): Promise<ZendeskStandIn> {
  const email = options.email ?? "nudgebot@acme.test";
  const token = options.token ?? "zd-token-0123456789abcdef";
  const expected = `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`;
  const groups = [...(options.groups ?? QUEUE_GROUPS), "Billing"].map((name, index) => ({
    id: 360000 + index + 1,
    name,
  }));
  const queueIds = groups.filter((group) => group.name !== "Billing").map((group) => group.id);
  const organizations = Array.isArray(options.organizations)
    ? options.organizations
    : generateOrganizations(options.organizations ?? 20);
  const ticketList = Array.isArray(options.tickets)
    ? options.tickets
    : generateTickets(options.tickets ?? 10, {
        groupIds: queueIds,
        organizations: organizations.length,
        ...(options.now ? { now: options.now } : {}),
      });
  const users = new Map<number, StandInUser>([
    [1, { id: 1, name: "Nudgebot", email, role: options.meRole ?? "admin" }],
  ]);
  (options.agents ?? []).forEach((agent, index) => {
    users.set(100 + index + 1, {
      id: 100 + index + 1,
      name: agent.name,
      email: agent.email.toLowerCase(),
      role: "agent",
      ...(agent.groups
        ? { groupIds: groups.filter((group) => agent.groups?.includes(group.name)).map((group) => group.id) }
        : {}),
    });
  });
  users.set(900, { id: 900, name: "A Customer", email: "customer@customer1.test", role: "end-user" });

  const tickets = new Map(ticketList.map((ticket) => [ticket.id, { ...ticket }]));
  const organizationsById = new Map(organizations.map((organization) => [organization.id, organization]));
  const requests: RecordedRequest[] = [];
  const assignments: { ticketId: number; assigneeId: number }[] = [];
  const scripted = new Map<string, { status: number; retryAfter?: number }[]>();
  let clock = (options.now ?? DEFAULT_NOW).getTime();
  const touch = (ticket: StandInTicket) => {
    clock += 1_000;
    ticket.updated_at = new Date(clock).toISOString();
  };
  let base = "";

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const route = `${req.method} ${url.pathname.replace(/\/\d+(\.json)$/, "/{id}$1")}`;
    const body = req.method === "PUT" || req.method === "POST" ? await bodyOf(req) : null;
    requests.push({ method: req.method ?? "GET", route, path: url.pathname, query: url.searchParams, body });
    const failure = scripted.get(route)?.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter
        ? { "retry-after": String(failure.retryAfter) }
        : {};
      return json(
        res,
        failure.status,
        { error: failure.status === 429 ? "TooManyRequests" : "InternalError" },
        headers,
      );
    }
    if (req.headers.authorization !== expected) return json(res, 401, { error: "Couldn't authenticate you" });
    const id = Number(/\/(\d+)\.json$/.exec(url.pathname)?.[1]);

    switch (route) {
      case "GET /api/v2/users/me.json":
        return json(res, 200, { user: userJson(base, users.get(1) as StandInUser) });
      case "GET /api/v2/groups.json": {
        const size = Number(url.searchParams.get("page[size]") ?? 100);
        const after = Number(url.searchParams.get("page[after]") ?? 0);
        const page = groups.slice(after, after + size);
        const hasMore = after + size < groups.length;
        const next = hasMore
          ? `${base}/api/v2/groups.json?page%5Bafter%5D=${after + size}&page%5Bsize%5D=${size}`
          : null;
        return json(res, 200, {
          groups: page.map((group) => ({
            ...group,
            url: `${base}/api/v2/groups/${group.id}.json`,
            deleted: false,
          })),
          meta: {
            has_more: hasMore,
            after_cursor: hasMore ? String(after + size) : null,
            before_cursor: null,
          },
          links: { prev: null, next },
        });
      }
      case "GET /api/v2/search.json": {
        const query = url.searchParams.get("query") ?? "";
        const groupId = Number(/group:(\d+)/.exec(query)?.[1]);
        const unsolved = /status<solved/.test(query);
        const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 100), 100);
        const page = Number(url.searchParams.get("page") ?? 1);
        if ((page - 1) * perPage >= SEARCH_LIMIT) {
          return json(res, 422, {
            error: "Invalid search: Requested response size was greater than Search Response Limits",
          });
        }
        const created = [...query.matchAll(CREATED_TERM)].map(([, op, value]) => ({
          op,
          at: Date.parse(value ?? ""),
        }));
        if (created.some(({ at }) => Number.isNaN(at))) {
          return json(res, 400, { error: "InvalidSearch", description: "Invalid search: bad date" });
        }
        const byCreated = url.searchParams.get("sort_by") === "created_at";
        const descending = url.searchParams.get("sort_order") === "desc";
        const matching = [...tickets.values()]
          .filter((ticket) => ticket.group_id === groupId)
          .filter((ticket) => !unsolved || !["solved", "closed"].includes(ticket.status))
          .filter((ticket) => {
            const at = Date.parse(ticket.created_at);
            return created.every((term) =>
              term.op === ">="
                ? at >= term.at
                : term.op === ">"
                  ? at > term.at
                  : term.op === "<="
                    ? at <= term.at
                    : at < term.at,
            );
          })
          .sort((a, b) => {
            const order = byCreated
              ? Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id
              : a.id - b.id;
            return descending ? -order : order;
          });
        const withSlas = url.searchParams.get("include")?.includes("tickets(slas)") ?? false;
        const results = matching.slice((page - 1) * perPage, page * perPage);
        // Like a search whose count passes 1,000, it offers the next page even where that page answers 422.
        const more = page * perPage < matching.length;
        const next = new URLSearchParams(url.searchParams);
        next.set("page", String(page + 1));
        return json(res, 200, {
          results: results.map((ticket) => ({
            ...ticketJson(base, ticket, withSlas),
            result_type: "ticket",
          })),
          facets: null,
          next_page: more ? `${base}/api/v2/search.json?${next}` : null,
          previous_page: page > 1 ? `${base}/api/v2/search.json?page=${page - 1}` : null,
          count: matching.length,
        });
      }
      case "GET /api/v2/organizations/show_many.json": {
        const ids = (url.searchParams.get("ids") ?? "").split(",").map(Number);
        return json(res, 200, {
          organizations: ids
            .map((orgId) => organizationsById.get(orgId))
            .filter((organization) => organization !== undefined)
            .map((organization) => ({
              ...organization,
              url: `${base}/api/v2/organizations/${organization.id}.json`,
              tags: [],
            })),
        });
      }
      case "GET /api/v2/users/search.json": {
        const wanted = /email:(\S+)/.exec(url.searchParams.get("query") ?? "")?.[1]?.toLowerCase();
        const found = [...users.values()].filter((user) => user.email === wanted);
        return json(res, 200, {
          users: found.map((user) => userJson(base, user)),
          next_page: null,
          previous_page: null,
          count: found.length,
        });
      }
      case "GET /api/v2/users/{id}.json": {
        const user = users.get(id);
        return user
          ? json(res, 200, { user: userJson(base, user) })
          : json(res, 404, { error: "RecordNotFound", description: "Not found" });
      }
      case "GET /api/v2/tickets/{id}.json": {
        const ticket = tickets.get(id);
        return ticket
          ? json(res, 200, { ticket: ticketJson(base, ticket, false) })
          : json(res, 404, { error: "RecordNotFound", description: "Not found" });
      }
      case "PUT /api/v2/tickets/{id}.json": {
        const ticket = tickets.get(id);
        if (!ticket) return json(res, 404, { error: "RecordNotFound", description: "Not found" });
        const update =
          (body as { ticket?: { assignee_id?: number; safe_update?: boolean; updated_stamp?: string } })
            ?.ticket ?? {};
        if (update.safe_update && update.updated_stamp !== ticket.updated_at) {
          return json(res, 409, {
            error: "UpdateConflict",
            description:
              "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
          });
        }
        if (update.assignee_id !== undefined) {
          const assignee = users.get(update.assignee_id);
          if (!assignee || assignee.role === "end-user") {
            return json(res, 422, {
              error: "RecordInvalid",
              description: "Record validation errors",
              details: { assignee: [{ description: "Assignee is invalid" }] },
            });
          }
          if (assignee.groupIds && !assignee.groupIds.includes(ticket.group_id)) {
            return json(res, 422, {
              error: "RecordInvalid",
              description: "Record validation errors",
              details: {
                assignee: [
                  { description: "Assignee: is invalid", error: "InvalidValue" },
                  { description: "Assignee: is not a member of the group" },
                ],
              },
            });
          }
          ticket.assignee_id = update.assignee_id;
          assignments.push({ ticketId: id, assigneeId: update.assignee_id });
        }
        touch(ticket);
        return json(res, 200, {
          ticket: ticketJson(base, ticket, false),
          audit: { id: clock, ticket_id: id, events: [] },
        });
      }
      default:
        return json(res, 404, { error: "InvalidEndpoint", description: "Not found" });
    }
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    email,
    token,
    groups,
    tickets,
    organizations: organizationsById,
    users,
    requests,
    assignments,
    count: (route) => requests.filter((request) => request.route === route).length,
    assignInZendesk(ticketId, userId) {
      const ticket = tickets.get(ticketId);
      if (!ticket) throw new Error(`no ticket ${ticketId}`);
      ticket.assignee_id = userId;
      touch(ticket);
    },
    failNext(route, status, retryAfterSeconds) {
      const queue = scripted.get(route) ?? [];
      queue.push({ status, ...(retryAfterSeconds ? { retryAfter: retryAfterSeconds } : {}) });
      scripted.set(route, queue);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
