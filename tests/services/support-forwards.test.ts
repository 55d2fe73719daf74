// Forwarded to the sales owner, end to end with the clock injected: a queue read as Zendesk gives it
// (lower-case tags with underscores, organizations with several domains) puts the forwarded tickets
// in the owner's next daily digest once, and approvals in the manager's next weekly digest once.
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/domain/model.ts";
import type { SupportOrganization, SupportTicket } from "../../src/domain/support-ticket.ts";
import { queueManagerDigests } from "../../src/services/manager-digests.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import type { QueueRead } from "../../src/services/ports/support-desk-port.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";
import { account, opportunity, rep, snapshot } from "../helpers/builders.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

// Three accounts share the name "Northwind Logistics" (the builders' default): the name matches none.
const DATA: Snapshot = snapshot({
  reps: [
    rep({ email: "mia@example.com", name: "Mia Manager", role: "manager", managerEmail: null }),
    rep({ email: "ava@example.com", name: "Ava Okafor" }),
    rep({ email: "ken@example.com", name: "Ken Sato", timezone: "Asia/Tokyo" }),
  ],
  accounts: [
    account({ id: "001A", website: "https://www.Northwind.example/en/" }),
    account({ id: "001K", ownerEmail: "ken@example.com", website: "kensco.example:443" }),
    account({ id: "001X", ownerEmail: "ken@example.com" }),
  ],
  opportunities: [
    // Ava has a finding to fix; Ken has none.
    opportunity({ id: "006A", howHeard: null }),
    opportunity({ id: "006K", accountId: "001K", ownerEmail: "ken@example.com" }),
  ],
});

const ZENDESK = "https://acme.zendesk.com";

const org = (over: Partial<SupportOrganization>): SupportOrganization => ({
  id: 360_000_111,
  name: "Northwind Logistics",
  externalId: null,
  domainNames: [],
  ...over,
});

const ticket = (id: number, over: Partial<SupportTicket>): SupportTicket => ({
  id,
  subject: `Ticket ${id}`,
  status: "open",
  group: "Renewals",
  tags: [],
  assigneeId: null,
  organization: null,
  slas: [],
  updatedAt: new Date("2026-03-09T12:00:00Z"),
  ...over,
});

const READ: QueueRead = {
  tickets: [
    // Matched by the second of the organization's domains; refund asks for approval.
    ticket(4021, {
      subject: "Refund the unused seats <!channel> & cancel",
      tags: ["billing", "refund", "web_widget"],
      organization: org({
        name: "Northwind (EU)",
        domainNames: ["northwind-mail.example", "northwind.example"],
      }),
    }),
    // Matched by the external id the desk's admins set.
    ticket(4022, {
      subject: "Upgrade to Premium",
      tags: ["upgrade"],
      organization: org({ externalId: "001A" }),
    }),
    // Not a forward tag.
    ticket(4023, {
      subject: "How do I reset SSO?",
      tags: ["how_to", "sso"],
      organization: org({ externalId: "001A" }),
    }),
    // Only the shared name: no match.
    ticket(4024, { subject: "Renewal quote", tags: ["renewal"], organization: org({}) }),
    // No organization at all.
    ticket(4025, { subject: "Credit please", tags: ["credit"] }),
    // Ken's account, by its domain.
    ticket(4026, {
      subject: "True-up for Q1",
      tags: ["true_up"],
      organization: org({ domainNames: ["kensco.example"] }),
    }),
  ],
  missingGroups: [],
  requests: 2,
};

/** The digests posted to a Slack user, in order, as text. */
const postsTo = (h: Harness, channel: string) =>
  h.slack
    .callsOf("chat.postMessage")
    .filter((call) => call.params.channel === channel)
    .map((call) => JSON.stringify(call.params));

describe("tickets Support forwards to the sales owner", () => {
  it("appear once in the owner's next digest, and approvals once in the manager's weekly digest", async () => {
    // Monday 9 March 2026, 08:00 in New York: the queue is read before anyone's digest.
    harness = await startHarness({
      now: "2026-03-09T12:00:00Z",
      data: DATA,
      env: { ZENDESK_URL: ZENDESK, ZENDESK_EMAIL: "bot@acme.example", ZENDESK_API_TOKEN: "t0ken" },
    });
    const h = harness;
    const forwards = h.bot.cycle.forwards;
    if (!forwards) throw new Error("the support queue should be on with ZENDESK_* set");
    await forwards.record(READ, h.clock.now);

    // 11:00 in New York: Ava's digest.
    h.clock.now = new Date("2026-03-09T15:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    // Polled again since: nothing is recorded twice.
    await forwards.record(READ, h.clock.now);
    const [first] = postsTo(h, "UAVA");
    expect(first).toContain("From Support");
    expect(first).toContain(`<${ZENDESK}/agent/tickets/4021|#4021>`);
    expect(first).toContain("Refund the unused seats &lt;!channel&gt; &amp; cancel");
    expect(first).not.toContain("<!channel>");
    expect(first).toContain("`refund`");
    expect(first).toContain(`<${ZENDESK}/agent/tickets/4022|#4022>`);
    for (const other of ["4023", "4024", "4025", "4026"]) expect(first).not.toContain(`#${other}`);

    // Tuesday: Ava's next digest has her finding but not the tickets again.
    h.clock.now = new Date("2026-03-10T15:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    const avas = postsTo(h, "UAVA");
    expect(avas).toHaveLength(2);
    expect(avas[1]).toContain("Pipeline nudges for 2026-03-10");
    expect(avas[1]).not.toContain("From Support");
    expect(avas[1]).not.toContain("#4021");

    // Ken has nothing to fix, and still gets his ticket, in his own morning (Tokyo).
    h.clock.now = new Date("2026-03-10T01:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    const kens = postsTo(h, "UKEN");
    expect(kens).toHaveLength(1);
    expect(kens[0]).toContain("nothing to fix");
    expect(kens[0]).toContain(`<${ZENDESK}/agent/tickets/4026|#4026>`);

    // Mia's weekly digest (Monday 16 March, 09:40 in New York) asks for the refund's approval.
    h.clock.now = new Date("2026-03-16T13:40:00Z");
    expect(await queueManagerDigests(h.bot.jobDeps)).toBe(1);
    expect(await queueManagerDigests(h.bot.jobDeps)).toBe(0);
    await h.bot.cycle.sender.drain();
    h.clock.now = new Date("2026-03-23T13:40:00Z");
    expect(await queueManagerDigests(h.bot.jobDeps)).toBe(1);
    await h.bot.cycle.sender.drain();
    const weekly = postsTo(h, "UMIA").filter((text) => text.includes("Your team"));
    expect(weekly).toHaveLength(2);
    expect(weekly[0]).toContain("Needs your approval");
    expect(weekly[0]).toContain(`<${ZENDESK}/agent/tickets/4021|#4021>`);
    expect(weekly[0]).toContain("Ava Okafor");
    // Upgrade needs no approval.
    expect(weekly[0]).not.toContain("#4022");
    expect(weekly[1]).not.toContain("Needs your approval");
    expect(weekly[1]).not.toContain("#4021");
  });

  it("changes nothing when Zendesk is not configured", async () => {
    harness = await startHarness({ now: "2026-03-09T15:00:00Z", data: DATA });
    expect(harness.bot.cycle.forwards).toBeUndefined();
    await runNudgeCycle(harness.bot.cycle, "due");
    const [digest] = postsTo(harness, "UAVA");
    expect(digest).toContain("Pipeline nudges for 2026-03-09");
    expect(digest).not.toContain("From Support");
  });
});
