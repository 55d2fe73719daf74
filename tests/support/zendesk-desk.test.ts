// The Zendesk reader against Zendesk's own response shapes (search with side-loaded SLAs, cursor
// pages of groups, organizations, users, safe ticket updates), retries and refusals included.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SupportDeskError } from "../../src/services/ports/support-desk-port.ts";
import type { RetryPolicy } from "../../src/support/zendesk/retry-policy.ts";
import { ZendeskDesk } from "../../src/support/zendesk/zendesk-desk.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

const BASE = "https://acme.zendesk.test";
const EMAIL = "bot@acme.test";
const TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
const BASIC = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString("base64")}`;

let sleeps: number[] = [];
function desk(policy: Partial<RetryPolicy> = {}): ZendeskDesk {
  return new ZendeskDesk({ url: `${BASE}/`, email: EMAIL, apiToken: TOKEN }, quietLogger, {
    retries: 3,
    backoffMs: 1_000,
    maxRetryAfterMs: 60_000,
    timeoutMs: 5_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...policy,
  });
}

beforeEach(() => {
  sleeps = [];
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function group(id: number, name: string) {
  return {
    url: `${BASE}/api/v2/groups/${id}.json`,
    id,
    is_public: true,
    name,
    description: "",
    default: false,
    deleted: false,
    created_at: "2025-01-10T16:00:00Z",
    updated_at: "2025-01-10T16:00:00Z",
  };
}

function ticket(id: number, fields: Record<string, unknown> = {}) {
  return {
    url: `${BASE}/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: { channel: "email", source: { from: {}, to: {}, rel: null } },
    created_at: "2026-12-07T09:12:00Z",
    updated_at: "2026-12-07T10:02:14Z",
    type: "question",
    subject: `Ticket ${id}`,
    raw_subject: `Ticket ${id}`,
    description: "Hello",
    priority: "high",
    status: "open",
    recipient: "support@acme.test",
    requester_id: 20978392,
    submitter_id: 20978392,
    assignee_id: null,
    organization_id: null,
    group_id: 360001,
    collaborator_ids: [],
    follower_ids: [],
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    allow_channelback: false,
    allow_attachments: true,
    result_type: "ticket",
    ...fields,
  };
}

function user(id: number, name: string, email: string, role: string) {
  return {
    id,
    url: `${BASE}/api/v2/users/${id}.json`,
    name,
    email,
    created_at: "2024-05-08T01:04:47Z",
    updated_at: "2026-11-08T01:04:47Z",
    time_zone: "Pacific Time (US & Canada)",
    iana_time_zone: "America/Los_Angeles",
    locale: "en-US",
    role,
    verified: true,
    active: true,
    suspended: false,
    organization_id: null,
    tags: [],
  };
}

describe("reading the queue", () => {
  it("finds the groups by name, reads each group's unsolved tickets with their SLAs, and names a group that is missing", async () => {
    const scope = nock(BASE, { reqheaders: { authorization: BASIC } })
      .get("/api/v2/groups.json")
      .query({ "page[size]": "100" })
      .reply(200, {
        groups: [group(360001, "Upgrades")],
        meta: { has_more: true, after_cursor: "xc1", before_cursor: null },
        links: { prev: null, next: `${BASE}/api/v2/groups.json?page%5Bafter%5D=xc1&page%5Bsize%5D=100` },
      })
      .get("/api/v2/groups.json")
      .query({ "page[after]": "xc1", "page[size]": "100" })
      .reply(200, {
        groups: [group(360002, "Renewals"), { ...group(360009, "AR"), deleted: true }],
        meta: { has_more: false, after_cursor: null, before_cursor: "xc1" },
        links: { prev: null, next: null },
      })
      .get("/api/v2/search.json")
      .query({
        query: "type:ticket status<solved group:360001",
        include: "tickets(slas)",
        sort_by: "created_at",
        sort_order: "asc",
        per_page: "100",
      })
      .reply(200, {
        results: [
          ticket(35436, {
            subject: "Upgrade to 50 seats",
            organization_id: 509974,
            tags: ["Upgrade", "enterprise"],
            slas: {
              policy_metrics: [
                {
                  breach_at: "2026-12-08T02:30:00Z",
                  stage: "active",
                  metric: "first_reply_time",
                  hours: 3,
                  minutes: 20,
                },
                { breach_at: null, stage: "achieved", metric: "requester_wait_time" },
              ],
            },
          }),
        ],
        facets: null,
        next_page: `${BASE}/api/v2/search.json?include=tickets%28slas%29&page=2&per_page=100&query=type%3Aticket+status%3Csolved+group%3A360001&sort_by=created_at&sort_order=asc`,
        previous_page: null,
        count: 2,
      })
      .get("/api/v2/search.json")
      .query({
        include: "tickets(slas)",
        page: "2",
        per_page: "100",
        query: "type:ticket status<solved group:360001",
        sort_by: "created_at",
        sort_order: "asc",
      })
      .reply(200, {
        results: [ticket(35437, { status: "pending", assignee_id: 235323, slas: { policy_metrics: [] } })],
        facets: null,
        next_page: null,
        previous_page: `${BASE}/api/v2/search.json?page=1`,
        count: 2,
      })
      .get("/api/v2/search.json")
      .query((query) => query.query === "type:ticket status<solved group:360002")
      .reply(200, {
        results: [ticket(35501, { group_id: 360002, organization_id: 509975, tags: ["refund"] })],
        facets: null,
        next_page: null,
        previous_page: null,
        count: 1,
      })
      .get("/api/v2/organizations/show_many.json")
      .query({ ids: "509974,509975" })
      .reply(200, {
        organizations: [
          {
            url: `${BASE}/api/v2/organizations/509974.json`,
            id: 509974,
            external_id: "001Acme",
            name: "Acme Rockets",
            created_at: "2024-10-28T17:20:26Z",
            updated_at: "2024-10-28T17:20:26Z",
            domain_names: ["Acme-Rockets.com", "acmerockets.io"],
            details: "",
            notes: "",
            group_id: null,
            shared_tickets: false,
            shared_comments: false,
            tags: [],
            organization_fields: {},
          },
          {
            url: `${BASE}/api/v2/organizations/509975.json`,
            id: 509975,
            external_id: null,
            name: "Globex",
            domain_names: [],
            tags: [],
            organization_fields: {},
          },
        ],
      });

    const read = await desk().readQueue(["Upgrades", "renewals", "AR"]);

    expect(read.missingGroups).toEqual(["AR"]);
    expect(read.requests).toBe(6);
    expect(read.tickets.map((t) => [t.id, t.group, t.status])).toEqual([
      [35436, "Upgrades", "open"],
      [35437, "Upgrades", "pending"],
      [35501, "Renewals", "open"],
    ]);
    const [first, second, third] = read.tickets;
    expect(first?.subject).toBe("Upgrade to 50 seats");
    expect(first?.tags).toEqual(["upgrade", "enterprise"]);
    expect(first?.slas).toEqual([
      { metric: "first_reply_time", stage: "active", breachAt: new Date("2026-12-08T02:30:00Z") },
      { metric: "requester_wait_time", stage: "achieved", breachAt: null },
    ]);
    expect(first?.organization).toEqual({
      id: 509974,
      name: "Acme Rockets",
      externalId: "001Acme",
      domainNames: ["acme-rockets.com", "acmerockets.io"],
    });
    expect(second?.assigneeId).toBe(235323);
    expect(second?.organization).toBeNull();
    expect(third?.organization?.externalId).toBeNull();
    expect(third?.updatedAt).toEqual(new Date("2026-12-07T10:02:14Z"));
    scope.done();
  });

  it("links each ticket to the agent interface under ZENDESK_URL", () => {
    expect(desk().ticketUrl(35436)).toBe(`${BASE}/agent/tickets/35436`);
  });
});

const QUEUE = "type:ticket status<solved group:360001";
const second = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 1_000).toISOString().replace(".000Z", "Z");

/** Zendesk's answers to one search query, `ids` in result order, 100 a page, cut at 1,000 like Zendesk. */
function searchPages(scope: nock.Scope, query: string, ids: number[], createdAt: (id: number) => string) {
  const pages = Math.min(Math.ceil(ids.length / 100), 10);
  for (let page = 1; page <= pages; page += 1) {
    const next = new URLSearchParams({
      include: "tickets(slas)",
      page: String(page + 1),
      per_page: "100",
      query,
      sort_by: "created_at",
      sort_order: "asc",
    });
    scope
      .get("/api/v2/search.json")
      .query((q) => q.query === query && (q.page ?? "1") === String(page) && q.sort_by === "created_at")
      .reply(200, {
        results: ids
          .slice((page - 1) * 100, page * 100)
          .map((id) => ticket(id, { created_at: createdAt(id) })),
        facets: null,
        next_page: page * 100 < ids.length ? `${BASE}/api/v2/search.json?${next}` : null,
        previous_page: null,
        count: ids.length,
      });
  }
}

function groupsPage(scope: nock.Scope) {
  return scope
    .get("/api/v2/groups.json")
    .query(true)
    .reply(200, { groups: [group(360001, "Upgrades")], meta: { has_more: false }, links: { next: null } });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("a group past Zendesk's 1,000-result search limit", () => {
  it("reads it whole in chunks by creation time, once each, through a 503 mid-read", async () => {
    // Tickets 999 to 1002 were created in the same second, so the first 1,000 stop inside it.
    const createdAt = (id: number) => second(id >= 999 && id <= 1002 ? 999 : id);
    const scope = nock(BASE);
    groupsPage(scope);
    searchPages(scope, QUEUE, range(1, 1_150), createdAt);
    const next = `${QUEUE} created>=${second(999)}`;
    scope
      .get("/api/v2/search.json")
      .query((q) => q.query === next)
      .reply(503, "");
    searchPages(scope, next, range(999, 1_150), createdAt);

    const read = await desk().readQueue(["Upgrades"]);

    expect(read.tickets.map((t) => t.id)).toEqual(range(1, 1_150));
    // 1 groups page, 10 pages up to the limit, the refused page and its retry, the last page.
    expect(read.requests).toBe(14);
    expect(sleeps).toEqual([1_000]);
    scope.done();
  });

  it("reads past a single second holding more than 1,000 tickets, skipping only the rest of that second", async () => {
    const createdAt = (id: number) => second(id <= 1_005 ? 0 : id);
    const scope = nock(BASE);
    groupsPage(scope);
    searchPages(scope, QUEUE, range(1, 1_010), createdAt);
    searchPages(scope, `${QUEUE} created>${second(0)}`, range(1_006, 1_010), createdAt);

    const read = await desk().readQueue(["Upgrades"]);

    expect(read.tickets.map((t) => t.id)).toEqual([...range(1, 1_000), ...range(1_006, 1_010)]);
    expect(read.requests).toBe(12);
    scope.done();
  });
});

describe("a queue read with a deadline", () => {
  it("stops at the deadline while Zendesk keeps answering 429: no request or wait after it, failing as out of time", async () => {
    const deadline = new AbortController();
    let searches = 0;
    const scope = nock(BASE);
    groupsPage(scope);
    scope
      .get("/api/v2/search.json")
      .query(true)
      .times(10)
      .reply(() => {
        searches += 1;
        return [429, "Too Many Requests", { "Retry-After": "30" }];
      });
    const zendesk = desk({
      // The deadline passes during the second wait, which would otherwise last its full 30 s.
      sleep: (ms) => {
        sleeps.push(ms);
        if (sleeps.length < 2) return Promise.resolve();
        deadline.abort();
        return new Promise<void>(() => {});
      },
    });

    const failure = await zendesk
      .readQueue(["Upgrades"], { deadline: deadline.signal })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SupportDeskError);
    expect((failure as SupportDeskError).kind).toBe("unavailable");
    expect((failure as SupportDeskError).message).toContain("ran out of time");
    expect(searches).toBe(2);
    expect(sleeps).toEqual([30_000, 30_000]);
  });

  it("aborts a request Zendesk is slow to answer when the deadline passes, instead of waiting it out", async () => {
    const deadline = new AbortController();
    const scope = nock(BASE);
    groupsPage(scope);
    // An answer a minute away, inside a per-request limit of two: only the deadline can end it.
    scope
      .get("/api/v2/search.json")
      .query(true)
      .delay(60_000)
      .reply(200, { results: [], count: 0, next_page: null });
    scope.on("request", (request: { path: string }) => {
      if (request.path.startsWith("/api/v2/search.json")) setImmediate(() => deadline.abort());
    });

    const failure = await desk({ timeoutMs: 120_000 })
      .readQueue(["Upgrades"], { deadline: deadline.signal })
      .catch((error: unknown) => error);

    expect((failure as SupportDeskError).kind).toBe("unavailable");
    expect((failure as SupportDeskError).message).toContain("ran out of time");
    expect(sleeps).toEqual([]);
  });

  it("reads as before while the deadline has not passed", async () => {
    const scope = nock(BASE);
    groupsPage(scope);
    searchPages(scope, QUEUE, range(1, 3), (id) => second(id));
    const read = await desk().readQueue(["Upgrades"], { deadline: new AbortController().signal });
    expect(read.tickets.map((t) => t.id)).toEqual(range(1, 3));
    scope.done();
  });
});

describe("finding an agent by email", () => {
  it("answers the agent with that email, case ignored", async () => {
    const scope = nock(BASE)
      .get("/api/v2/users/search.json")
      .query({ query: "email:dana@acme.test" })
      .reply(200, {
        users: [user(777, "Dana Reyes", "Dana@Acme.test", "agent")],
        next_page: null,
        previous_page: null,
        count: 1,
      });
    expect(await desk().findAgent("DANA@acme.test")).toEqual({
      id: 777,
      name: "Dana Reyes",
      email: "dana@acme.test",
    });
    scope.done();
  });

  it("answers null for an end user: only agents and admins can take tickets", async () => {
    const scope = nock(BASE)
      .get("/api/v2/users/search.json")
      .query({ query: "email:customer@globex.test" })
      .reply(200, {
        users: [user(901, "A Customer", "customer@globex.test", "end-user")],
        next_page: null,
        previous_page: null,
        count: 1,
      });
    expect(await desk().findAgent("customer@globex.test")).toBeNull();
    scope.done();
  });
});

describe("Take it", () => {
  it("assigns an unassigned ticket with a safe update stamped with the ticket's last change", async () => {
    const scope = nock(BASE)
      .get("/api/v2/tickets/35436.json")
      .reply(200, { ticket: ticket(35436) })
      .put("/api/v2/tickets/35436.json", {
        ticket: { assignee_id: 777, safe_update: true, updated_stamp: "2026-12-07T10:02:14Z" },
      })
      .reply(200, { ticket: ticket(35436, { assignee_id: 777 }), audit: { id: 1, events: [] } })
      .get("/api/v2/users/777.json")
      .reply(200, { user: user(777, "Dana Reyes", "dana@acme.test", "agent") });
    expect(await desk().assignIfUnassigned(35436, 777)).toEqual({
      kind: "assigned",
      agent: { id: 777, name: "Dana Reyes", email: "dana@acme.test" },
    });
    scope.done();
  });

  it("on a conflict reads the ticket again and says who took it, without reassigning", async () => {
    const scope = nock(BASE)
      .get("/api/v2/tickets/35436.json")
      .reply(200, { ticket: ticket(35436) })
      .put("/api/v2/tickets/35436.json")
      .reply(409, {
        error: "UpdateConflict",
        description:
          "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
      })
      .get("/api/v2/tickets/35436.json")
      .reply(200, { ticket: ticket(35436, { assignee_id: 235323, updated_at: "2026-12-07T10:05:00Z" }) })
      .get("/api/v2/users/235323.json")
      .reply(200, { user: user(235323, "Sam Support", "sam@acme.test", "agent") });
    expect(await desk().assignIfUnassigned(35436, 777)).toEqual({
      kind: "taken",
      by: { id: 235323, name: "Sam Support", email: "sam@acme.test" },
    });
    scope.done();
  });

  it("never reassigns a ticket someone already has, and calls a solved or deleted one closed", async () => {
    const scope = nock(BASE)
      .get("/api/v2/tickets/35437.json")
      .reply(200, { ticket: ticket(35437, { assignee_id: 235323 }) })
      .get("/api/v2/users/235323.json")
      .reply(200, { user: user(235323, "Sam Support", "sam@acme.test", "agent") })
      .get("/api/v2/tickets/35438.json")
      .reply(200, { ticket: ticket(35438, { status: "solved" }) })
      .get("/api/v2/tickets/35439.json")
      .reply(404, { error: "RecordNotFound", description: "Not found" });
    const zendesk = desk();
    expect(await zendesk.assignIfUnassigned(35437, 777)).toMatchObject({
      kind: "taken",
      by: { name: "Sam Support" },
    });
    expect(await zendesk.assignIfUnassigned(35438, 777)).toEqual({ kind: "closed" });
    expect(await zendesk.assignIfUnassigned(35439, 777)).toEqual({ kind: "closed" });
    scope.done();
  });
});

describe("retries and refusals", () => {
  it("waits out a 429 for the seconds Zendesk names in Retry-After, then reads", async () => {
    const scope = nock(BASE)
      .get("/api/v2/users/search.json")
      .query(true)
      .reply(429, "Too Many Requests", { "Retry-After": "7" })
      .get("/api/v2/users/search.json")
      .query(true)
      .reply(200, { users: [], next_page: null, previous_page: null, count: 0 });
    expect(await desk().findAgent("dana@acme.test")).toBeNull();
    expect(sleeps).toEqual([7_000]);
    scope.done();
  });

  it("fails as rate-limited, without waiting, when Retry-After is longer than the policy allows", async () => {
    const scope = nock(BASE)
      .get("/api/v2/users/search.json")
      .query(true)
      .reply(429, "Too Many Requests", { "Retry-After": "600" });
    const failure = await desk()
      .findAgent("dana@acme.test")
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SupportDeskError);
    expect((failure as SupportDeskError).kind).toBe("rate-limited");
    expect(sleeps).toEqual([]);
    scope.done();
  });

  it("retries a 500 and a dropped connection with growing backoff", async () => {
    const scope = nock(BASE)
      .get("/api/v2/users/search.json")
      .query(true)
      .reply(500, { error: "InternalError" })
      .get("/api/v2/users/search.json")
      .query(true)
      .replyWithError({ code: "ECONNRESET", message: "socket hang up" })
      .get("/api/v2/users/search.json")
      .query(true)
      .reply(200, { users: [user(777, "Dana Reyes", "dana@acme.test", "admin")], count: 1, next_page: null });
    expect(await desk().findAgent("dana@acme.test")).toMatchObject({ id: 777 });
    expect(sleeps).toEqual([1_000, 2_000]);
    scope.done();
  });

  it("gives up as unavailable after the policy's retries", async () => {
    const scope = nock(BASE).get("/api/v2/users/search.json").query(true).times(2).reply(503, "");
    const failure = await desk({ retries: 1 })
      .findAgent("dana@acme.test")
      .catch((error: unknown) => error);
    expect((failure as SupportDeskError).kind).toBe("unavailable");
    expect((failure as SupportDeskError).message).toContain("HTTP 503");
    scope.done();
  });

  it("turns a 401 into one sentence naming the variables to check, never the token", async () => {
    const scope = nock(BASE).get("/api/v2/users/me.json").reply(401, { error: "Couldn't authenticate you" });
    const failure = (await desk()
      .check(["Upgrades"])
      .catch((error: unknown) => error)) as SupportDeskError;
    expect(failure).toBeInstanceOf(SupportDeskError);
    expect(failure.kind).toBe("unauthorized");
    expect(failure.code).toBe("SUPPORT_DESK");
    expect(failure.message).toContain("Couldn't authenticate you");
    expect(failure.message).toContain("ZENDESK_EMAIL");
    expect(failure.message).toContain("ZENDESK_API_TOKEN");
    expect(failure.message).not.toContain(TOKEN);
    expect(sleeps).toEqual([]);
    scope.done();
  });
});

describe("the sign-in check", () => {
  it("says who the token signs in as and which configured groups Zendesk has no group for", async () => {
    const scope = nock(BASE, { reqheaders: { authorization: BASIC } })
      .get("/api/v2/users/me.json")
      .reply(200, { user: user(11, "Nudgebot", EMAIL, "admin") })
      .get("/api/v2/groups.json")
      .query(true)
      .reply(200, {
        groups: [group(360001, "Upgrades"), group(360002, "Renewals")],
        meta: { has_more: false, after_cursor: null, before_cursor: null },
        links: { prev: null, next: null },
      });
    expect(await desk().check(["Upgrades", "Renewals", "AR"])).toEqual({
      user: { id: 11, name: "Nudgebot", email: EMAIL },
      missingGroups: ["AR"],
    });
    scope.done();
  });

  it("refuses an anonymous answer or an end user's token as a sign-in problem", async () => {
    const scope = nock(BASE)
      .get("/api/v2/users/me.json")
      .reply(200, {
        user: { id: null, name: "Anonymous user", email: "invalid@example.com", role: "end-user" },
      })
      .get("/api/v2/users/me.json")
      .reply(200, { user: user(901, "A Customer", "customer@globex.test", "end-user") });
    const zendesk = desk();
    const anonymous = (await zendesk.check([]).catch((error: unknown) => error)) as SupportDeskError;
    expect(anonymous.kind).toBe("unauthorized");
    const endUser = (await zendesk.check([]).catch((error: unknown) => error)) as SupportDeskError;
    expect(endUser.kind).toBe("unauthorized");
    expect(endUser.message).toContain("needs an agent or admin");
    scope.done();
  });
});
