// The support queue end to end: the real bot and its real Zendesk client against the loopback
// Zendesk stand-in, time injected. Reps in London, Dublin, New York and Sydney; Support in Los
// Angeles on its default hours (Mon–Fri 08:00–17:00). One breach alert, Take it through Bolt, and a
// forwarded ticket in its owner's next digest.
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/domain/model.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { eventually, type Harness, startHarness } from "../helpers/bot-harness.ts";
import { account, opportunity, rep } from "../helpers/builders.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";
import { memorySource } from "../helpers/memory-source.ts";
import { alertsTo, poll } from "../helpers/support-harness.ts";
import { type StandInTicket, startZendeskStandIn, type ZendeskStandIn } from "../helpers/zendesk-stand-in.ts";

// Dara (Dublin), Lena (London) and Syd (Sydney) triage (SMB); Nia (New York, MM) owns "Nia & Co".
const TEAM: Snapshot = {
  reps: [
    rep({ email: "lena@example.com", name: "Lena London", timezone: "Europe/London", country: "GB" }),
    rep({ email: "dara@example.com", name: "Dara Dublin", timezone: "Europe/Dublin", country: "IE" }),
    rep({ email: "nia@example.com", name: "Nia NewYork", country: "US", segment: "MM" }),
    rep({ email: "syd@example.com", name: "Syd Sydney", timezone: "Australia/Sydney", country: "AU" }),
  ],
  accounts: [account({ id: "001N", name: "Nia & Co", ownerEmail: "nia@example.com", segment: "MM" })],
  // Nia has a finding, so she has a digest every working day.
  opportunities: [
    opportunity({ id: "006N", accountId: "001N", ownerEmail: "nia@example.com", howHeard: null }),
  ],
};

// Wednesday 11 March 2026, 14:00 UTC: 14:00 in London and Dublin, 10:00 in New York, 01:00 in
// Sydney, 07:00 in Los Angeles (Support opens at 08:00, 15:00 UTC).
const NOW = "2026-03-11T14:00:00Z";

const ticket = (id: number, over: Partial<StandInTicket>): StandInTicket => ({
  id,
  subject: `Ticket ${id}`,
  status: "open",
  group_id: 360001,
  assignee_id: null,
  organization_id: null,
  tags: [],
  created_at: "2026-03-10T09:00:00Z",
  updated_at: "2026-03-11T13:00:00Z",
  slas: [],
  ...over,
});
const firstReply = (at: string) => [{ metric: "first_reply_time", stage: "active" as const, breach_at: at }];

const TICKETS: StandInTicket[] = [
  // 14:40 UTC: 07:40 in Los Angeles, before Support opens; inside London's and Dublin's hours.
  ticket(2001, {
    subject: "Invoice <wrong> & late",
    organization_id: 7001,
    slas: firstReply("2026-03-11T14:40:00Z"),
  }),
  // 15:30 UTC: 08:30 in Los Angeles, Support's own hours, though inside London's hours and the lead.
  ticket(2002, { group_id: 360002, organization_id: 7001, slas: firstReply("2026-03-11T15:30:00Z") }),
  // Forwarded: an upgrade for Nia's account (by external id), breaching only tomorrow.
  ticket(2003, {
    subject: "Upgrade to 80 seats",
    group_id: 360003,
    organization_id: 7002,
    tags: ["upgrade", "web_widget"],
    slas: firstReply("2026-03-12T18:00:00Z"),
  }),
];

const ORGANIZATIONS = [
  { id: 7001, name: "Globex Support Org", external_id: null, domain_names: ["globex.example"] },
  { id: 7002, name: "Nia and Company", external_id: "001N", domain_names: [] },
];

let harness: Harness | null = null;
let zendesk: ZendeskStandIn | null = null;
afterEach(async () => {
  await harness?.stop();
  await zendesk?.close();
  harness = null;
  zendesk = null;
});

function slack(): FakeSlack {
  const fake = new FakeSlack();
  fake.addUser("lena@example.com", "ULENA");
  fake.addUser("dara@example.com", "UDARA");
  fake.addUser("nia@example.com", "UNIA");
  fake.addUser("syd@example.com", "USYD");
  return fake;
}

const allAlerts = (h: Harness) => ["ULENA", "UDARA", "UNIA", "USYD"].flatMap((user) => alertsTo(h, user));

const postsTo = (h: Harness, channel: string) =>
  h.slack
    .callsOf("chat.postMessage")
    .filter((call) => call.params.channel === channel)
    .map((call) => JSON.stringify(call.params));

function takeIt(h: Harness, message: { channel: string; ts: string }) {
  return h.interaction({
    type: "block_actions",
    user: { id: "UDARA", username: "dara", name: "dara", team_id: "T1" },
    api_app_id: "A1",
    trigger_id: "trigger-take",
    response_url: "http://slack.test/respond/take-e2e",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: "directmessage" },
    message: { type: "message", ts: message.ts, text: "Ticket #2001", blocks: [] },
    state: { values: {} },
    actions: [
      {
        type: "button",
        action_id: "support_take",
        block_id: "support-alert:2001:first_reply_time",
        text: { type: "plain_text", text: "Take it", emoji: true },
        value: "2001|first_reply_time",
        style: "primary",
        action_ts: "1773237600.000100",
      },
    ],
  });
}

describe("the support queue against Zendesk", () => {
  it("alerts once, assigns on Take it, and forwards a ticket to its owner's next digest once", async () => {
    zendesk = await startZendeskStandIn({
      tickets: TICKETS,
      organizations: ORGANIZATIONS,
      agents: [
        { email: "dara@example.com", name: "Dara Dublin" },
        { email: "lena@example.com", name: "Lena London" },
      ],
    });
    const dara = [...zendesk.users.values()].find((user) => user.email === "dara@example.com");
    harness = await startHarness({
      now: NOW,
      source: memorySource(TEAM),
      slack: slack(),
      env: { ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: zendesk.email, ZENDESK_API_TOKEN: zendesk.token },
    });
    const h = harness;

    expect(await poll(h)).toMatchObject({ status: "read", tickets: 3, alerted: 1 });
    // Two more polls, five minutes apart: the same ticket is not alerted again.
    for (const minutes of [5, 10]) {
      h.clock.now = new Date(Date.parse(NOW) + minutes * 60_000);
      expect(await poll(h)).toMatchObject({ status: "read", alerted: 0 });
    }
    const alerts = allAlerts(h);
    expect(alerts).toHaveLength(1);
    // Dara and Lena tie on alerts today; Dara comes first by email. Syd is asleep in Sydney.
    expect(alerts[0]?.params.channel).toBe("UDARA");
    const alert = JSON.stringify(alerts[0]?.params);
    expect(alert).toContain("#2001");
    expect(alert).toContain("Invoice &lt;wrong&gt; &amp; late");
    expect(alert).toContain("Globex Support Org");
    expect(alert).toContain("Take it");
    expect(alert).toContain("Open in Zendesk");
    expect(alert).toContain(`${zendesk.url}/agent/tickets/2001`);
    // The ticket breaching in Support's own hours is Support's.
    expect(alert).not.toContain("2002");
    expect(JSON.stringify(h.slack.callsOf("chat.postMessage"))).not.toContain("tickets/2002");

    const message = h.slack.delivered.find((delivered) => delivered.channel === "DDARA");
    if (!message) throw new Error("no alert delivered to Dara");
    expect((await takeIt(h, message)).status).toBe(200);
    await eventually(() => h.slack.callsOf("chat.update").length === 1);
    expect(zendesk.tickets.get(2001)?.assignee_id).toBe(dara?.id);
    expect(zendesk.assignments).toEqual([{ ticketId: 2001, assigneeId: dara?.id }]);
    const updated = JSON.stringify(h.slack.callsOf("chat.update")[0]?.params);
    expect(updated).toContain("You took it");
    expect(updated).not.toContain("support_take");

    // 11:00 in New York: Nia's digest has the forwarded upgrade under "From Support".
    h.clock.now = new Date("2026-03-11T15:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    const [first] = postsTo(h, "UNIA");
    expect(first).toContain("From Support");
    expect(first).toContain(`<${zendesk.url}/agent/tickets/2003|#2003>`);
    expect(first).toContain("Upgrade to 80 seats");
    expect(first).not.toContain("#2001");

    // Thursday: the queue is read again (the upgrade is still open), and Nia's digest has no repeat.
    h.clock.now = new Date("2026-03-12T14:00:00Z");
    expect(await poll(h)).toMatchObject({ status: "read", alerted: 0 });
    h.clock.now = new Date("2026-03-12T15:00:00Z");
    await runNudgeCycle(h.bot.cycle, "due");
    const nias = postsTo(h, "UNIA");
    expect(nias).toHaveLength(2);
    expect(nias[1]).toContain("Pipeline nudges for 2026-03-12");
    expect(nias[1]).not.toContain("From Support");
    expect(nias[1]).not.toContain("#2003");
    expect(allAlerts(h)).toHaveLength(1);
  });
});
