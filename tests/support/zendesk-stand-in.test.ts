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
  it("reads the 1,000 oldest tickets and never asks for the page Zendesk refuses", async () => {
    zendesk = await startZendeskStandIn({ tickets: 1_050, groups: ["Upgrades"] });
    const read = await deskFor(zendesk).readQueue(["Upgrades"]);
    expect(read.tickets).toHaveLength(1_000);
    expect(read.tickets[0]?.id).toBe(1001);
    expect(zendesk.count("GET /api/v2/search.json")).toBe(10);
  });
});
