// The Zendesk reader end to end against the loopback stand-in: a queue of hundreds of tickets read
// through pages, Take it against a live ticket, and a rate limit waited out mid-read.
import { afterEach, describe, expect, it } from "vitest";
import { ZendeskDesk } from "../../src/support/zendesk/zendesk-desk.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";
import { startZendeskStandIn, type ZendeskStandIn } from "../helpers/zendesk-stand-in.ts";

let zendesk: ZendeskStandIn | null = null;
afterEach(async () => {
  await zendesk?.close();
  zendesk = null;
});

function deskFor(standIn: ZendeskStandIn, sleeps: number[] = []): ZendeskDesk {
  return new ZendeskDesk({ url: standIn.url, email: standIn.email, apiToken: standIn.token }, quietLogger, {
    retries: 2,
    backoffMs: 10,
    maxRetryAfterMs: 60_000,
    timeoutMs: 5_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe("the Zendesk reader against the stand-in", () => {
  it("reads every unsolved queue ticket across search pages, with SLAs and organizations, and none from other groups", async () => {
    zendesk = await startZendeskStandIn({ tickets: 450, groups: ["Upgrades", "Renewals", "AR"] });
    const solved = zendesk.tickets.get(1001);
    if (solved) solved.status = "solved";
    const read = await deskFor(zendesk).readQueue(["Upgrades", "Renewals", "AR", "Escalations"]);
    expect(read.tickets).toHaveLength(449);
    expect(read.missingGroups).toEqual(["Escalations"]);
    expect(read.tickets.some((ticket) => ticket.id === 1001)).toBe(false);
    // 1 groups page, 2 search pages for each of 3 groups (150 each), 1 organizations batch.
    expect(read.requests).toBe(8);
    expect(zendesk.count("GET /api/v2/search.json")).toBe(6);
    const ticket = read.tickets.find((candidate) => candidate.id === 1002);
    expect(ticket?.group).toBe("Renewals");
    expect(ticket?.tags).toEqual(["renewal"]);
    expect(ticket?.organization).toEqual({
      id: 5002,
      name: "Customer 2",
      externalId: null,
      domainNames: ["customer2.test"],
    });
    expect(ticket?.slas[0]?.stage).toBe("active");
    expect(ticket?.slas[0]?.breachAt).toBeInstanceOf(Date);
  });

  it("Take it assigns once; a ticket an agent took in Zendesk first stays theirs", async () => {
    zendesk = await startZendeskStandIn({
      tickets: 4,
      agents: [
        { email: "ana@acme.test", name: "Ana Rep" },
        { email: "sam@acme.test", name: "Sam Support" },
      ],
    });
    const desk = deskFor(zendesk);
    const ana = await desk.findAgent("Ana@acme.test");
    const sam = await desk.findAgent("sam@acme.test");
    if (!ana || !sam) throw new Error("agents not found");
    expect(await desk.assignIfUnassigned(1001, ana.id)).toEqual({ kind: "assigned", agent: ana });
    zendesk.assignInZendesk(1002, sam.id);
    expect(await desk.assignIfUnassigned(1002, ana.id)).toEqual({ kind: "taken", by: sam });
    expect(zendesk.assignments).toEqual([{ ticketId: 1001, assigneeId: ana.id }]);
    expect(zendesk.tickets.get(1002)?.assignee_id).toBe(sam.id);
  });

  it("Take it by an agent outside the ticket's group is refused with Zendesk's words, and assigns nothing", async () => {
    zendesk = await startZendeskStandIn({
      tickets: 4,
      agents: [{ email: "lee@acme.test", name: "Lee Upgrades", groups: ["Upgrades"] }],
    });
    const desk = deskFor(zendesk);
    const lee = await desk.findAgent("lee@acme.test");
    if (!lee) throw new Error("agent not found");
    // 1002 is in Renewals, a group Lee is not in; 1001 is in Upgrades.
    expect(await desk.assignIfUnassigned(1002, lee.id)).toEqual({
      kind: "refused",
      detail: "Assignee: is invalid; Assignee: is not a member of the group",
    });
    expect(zendesk.tickets.get(1002)?.assignee_id).toBeNull();
    expect(zendesk.count("PUT /api/v2/tickets/{id}.json")).toBe(1);
    expect(await desk.assignIfUnassigned(1001, lee.id)).toEqual({ kind: "assigned", agent: lee });
    expect(zendesk.assignments).toEqual([{ ticketId: 1001, assigneeId: lee.id }]);
  });

  it("waits out a 429 and a 502 mid-read and still reads the whole queue", async () => {
    zendesk = await startZendeskStandIn({ tickets: 30 });
    zendesk.failNext("GET /api/v2/search.json", 429, 3);
    zendesk.failNext("GET /api/v2/organizations/show_many.json", 502);
    const sleeps: number[] = [];
    const read = await deskFor(zendesk, sleeps).readQueue(["Upgrades", "Renewals", "AR"]);
    expect(read.tickets).toHaveLength(30);
    expect(sleeps).toEqual([3_000, 10]);
  });

  it("answers a wrong token with 401, which the reader names as a sign-in problem", async () => {
    zendesk = await startZendeskStandIn();
    const desk = new ZendeskDesk({ url: zendesk.url, email: zendesk.email, apiToken: "wrong" }, quietLogger);
    await expect(desk.check(["Upgrades"])).rejects.toMatchObject({ kind: "unauthorized" });
  });
});

describe("a group past Zendesk's search limit", () => {
  it("reads all 2,500 unsolved tickets of one group, each once, without a refused page", async () => {
    zendesk = await startZendeskStandIn({ tickets: 2_500, groups: ["Upgrades"] });
    const read = await deskFor(zendesk).readQueue(["Upgrades"]);
    const ids = read.tickets.map((ticket) => ticket.id);
    expect(ids).toHaveLength(2_500);
    expect(new Set(ids).size).toBe(2_500);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const searches = zendesk.requests.filter((request) => request.route === "GET /api/v2/search.json");
    expect(searches.every((request) => Number(request.query.get("page") ?? 1) <= 10)).toBe(true);
    // Three queries: 1,000 + 1,000 + the last 502 (each after the first starts inside a burst of three).
    expect(new Set(searches.map((request) => request.query.get("query"))).size).toBe(3);
    expect(searches).toHaveLength(26);
  });

  it("reads 5,000 tickets in three groups with one groups page, 17 searches a group and one organizations batch", async () => {
    zendesk = await startZendeskStandIn({ tickets: 5_000 });
    const read = await deskFor(zendesk).readQueue(["Upgrades", "Renewals", "AR"]);
    expect(read.tickets).toHaveLength(5_000);
    expect(read.requests).toBe(53);
  });

  it("answers like Zendesk: every match counted, filtered and ordered by creation, 422 past the 1,000th result", async () => {
    zendesk = await startZendeskStandIn({ tickets: 2_500, groups: ["Upgrades"] });
    const group = zendesk.groups[0]?.id;
    const search = async (query: string, page: number, order = "asc") => {
      const params = new URLSearchParams({
        query: `type:ticket status<solved group:${group} ${query}`.trim(),
        sort_by: "created_at",
        sort_order: order,
        per_page: "100",
        page: String(page),
      });
      const answer = await fetch(`${zendesk?.url}/api/v2/search.json?${params}`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${zendesk?.email}/token:${zendesk?.token}`).toString("base64")}`,
        },
      });
      return {
        status: answer.status,
        body: (await answer.json()) as {
          results?: { id: number; created_at: string }[];
          count?: number;
          next_page?: string | null;
          error?: string;
        },
      };
    };
    const tenth = await search("", 10);
    expect(tenth.status).toBe(200);
    expect(tenth.body.count).toBe(2_500);
    expect(tenth.body.next_page).toContain("page=11");
    const eleventh = await search("", 11);
    expect(eleventh.status).toBe(422);
    expect(eleventh.body.error).toContain("Search Response Limits");

    // Tickets 2999, 3000 and 3001 were created in the same second.
    const at = zendesk.tickets.get(3_000)?.created_at ?? "";
    const from = await search(`created>=${at}`, 1);
    expect(from.body.count).toBe(502);
    expect(from.body.results?.[0]?.id).toBe(2_999);
    const after = await search(`created>${at}`, 1);
    expect(after.body.count).toBe(499);
    const newest = await search(`created>${at}`, 1, "desc");
    expect(newest.body.results?.[0]?.id).toBe(3_500);
  });
});
