// A Tuesday of the support queue, polled every 5 minutes with the clock injected: the desk is read
// only while London and Dublin triage, each breach off Support's hours is alerted once to the rep
// whose turn it is, one is taken and met, one breaches anyway, an outage costs nothing but its
// polls, and /nudge stats and the console's Delivery page count it all.
import { afterEach, describe, expect, it } from "vitest";
import { makeViewer } from "../../src/services/access.ts";
import { eventually, type Harness } from "../helpers/bot-harness.ts";
import { FakeSupportDesk, queueTicket, unavailable } from "../helpers/fake-support-desk.ts";
import { alertsTo, poll, SUPPORT_TEAM, supportHarness } from "../helpers/support-harness.ts";

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

const minute = (at: string) => new Date(`2026-03-10T${at}:00Z`);

describe("a day of the support queue", () => {
  it("alerts each breach once to whoever's turn it is, and counts sent, taken and breached anyway", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [{ id: 7, name: "Dara Dublin", email: "dara@example.com" }];
    const nia = { id: 1, name: "Nia & Co", externalId: "001N", domainNames: [] };
    desk.tickets = [
      // 04:00 in Los Angeles: Support is asleep.
      queueTicket(1, "2026-03-10T11:00:00Z", { organization: nia }),
      // 07:30 in Los Angeles, before Support starts at 08:00.
      queueTicket(2, "2026-03-10T14:30:00Z"),
      // 11:00 in Los Angeles: Support's own.
      queueTicket(3, "2026-03-10T18:00:00Z"),
    ];
    harness = await supportHarness("2026-03-10T00:00:00Z", desk);
    const readsAt: string[] = [];
    for (let at = minute("00:00").getTime(); at < minute("24:00").getTime(); at += 5 * 60_000) {
      harness.clock.now = new Date(at);
      const hhmm = harness.clock.now.toISOString().slice(11, 16);
      desk.failure = hhmm >= "11:00" && hhmm < "11:30" ? unavailable() : null;
      const before = desk.callsOf("readQueue").length;
      const result = await poll(harness);
      if (desk.callsOf("readQueue").length > before) readsAt.push(hhmm);
      if (hhmm === "10:30") await takeIt("DDARA", 1);
      // Dara replies: the first reply target is met.
      const first = desk.tickets[0];
      if (hhmm === "10:40" && first)
        desk.tickets[0] = {
          ...first,
          slas: [{ metric: "first_reply_time", stage: "achieved", breachAt: null }],
        };
      if (hhmm >= "11:00" && hhmm < "11:30") expect(result).toMatchObject({ status: "failed" });
    }
    // Read only while a triaging rep works: 09:00–17:00 in London and Dublin (GMT in March).
    expect(readsAt[0]).toBe("09:00");
    expect(readsAt.at(-1)).toBe("16:55");
    expect(readsAt).toHaveLength(96);
    // Ticket 1 to Dara (fewest alerts, ties by email), ticket 2 to Lena in turn; ticket 3 never.
    expect(alertsTo(harness, "UDARA")).toHaveLength(1);
    expect(alertsTo(harness, "ULENA")).toHaveLength(1);
    expect(JSON.stringify(alertsTo(harness, "ULENA")[0]?.params)).toContain("#2");
    expect(await harness.bot.store.getSupportAlert(1, "first_reply_time")).toMatchObject({
      rep: "dara@example.com",
      alertedAt: minute("09:00"),
      takenBy: "dara@example.com",
      outcome: "met",
    });
    expect(await harness.bot.store.getSupportAlert(2, "first_reply_time")).toMatchObject({
      rep: "lena@example.com",
      alertedAt: minute("12:30"),
      takenBy: null,
      outcome: "breached",
    });
    expect(await harness.bot.store.getSupportAlert(3, "first_reply_time")).toBeNull();
    expect(desk.tickets[0]?.assigneeId).toBe(7);

    const before = harness.slack.callsOf("respond").length;
    await harness.command("UOPS", "stats");
    await eventually(() => harness.slack.callsOf("respond").length === before + 1);
    expect(JSON.stringify(harness.slack.callsOf("respond")[before]?.params)).toContain(
      "Support queue: 2 breach alerts sent, 1 taken, 1 breached anyway.",
    );
    const admin = makeViewer("UOPS", "ops@example.com", SUPPORT_TEAM.reps, []);
    const page = await harness.bot.console.render("delivery", admin, new URLSearchParams());
    const body = page.body.toString();
    expect(body).toContain("Support queue");
    expect(body).toMatch(/Breached anyway<\/th>\s*<td[^>]*>1</);
  });
});

async function takeIt(channel: string, ticketId: number) {
  const message = harness.slack.delivered.find((delivered) => delivered.channel === channel);
  if (!message) throw new Error(`no alert in ${channel}`);
  await harness.interaction({
    type: "block_actions",
    user: { id: `U${channel.slice(1)}` },
    trigger_id: "trigger-take",
    response_url: "http://slack.test/respond/take",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel },
    message: { ts: message.ts, text: "alert", blocks: [] },
    actions: [{ type: "button", action_id: "support_take", value: `${ticketId}|first_reply_time` }],
  });
  await eventually(() => harness.slack.callsOf("chat.update").length > 0);
}
