// "Take it" on a breach alert, through the real Bolt routing with Slack's block_actions payload:
// acked at once whatever the desk does, then the ticket assigned and the alert updated in place.
import { afterEach, describe, expect, it } from "vitest";
import { eventually, type Harness } from "../helpers/bot-harness.ts";
import { FakeSupportDesk, queueTicket, unavailable } from "../helpers/fake-support-desk.ts";
import { alertsTo, poll, supportHarness } from "../helpers/support-harness.ts";

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

const DARA = { id: 7, name: "Dara Dublin", email: "dara@example.com" };

async function alerted(desk: FakeSupportDesk): Promise<{ channel: string; ts: string }> {
  desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z")];
  harness = await supportHarness("2026-03-10T10:00:00Z", desk);
  await poll(harness);
  const message = harness.slack.delivered.find((delivered) => delivered.channel === "DDARA");
  if (!message || alertsTo(harness, "UDARA").length !== 1) throw new Error("no alert for Dara");
  return message;
}

function takeIt(message: { channel: string; ts: string }, value = "41|first_reply_time") {
  return harness.interaction({
    type: "block_actions",
    user: { id: "UDARA", username: "dara", name: "dara", team_id: "T1" },
    api_app_id: "A1",
    trigger_id: "trigger-take",
    response_url: "http://slack.test/respond/take-1",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: "directmessage" },
    message: { type: "message", ts: message.ts, text: "Ticket #41", blocks: [] },
    state: { values: {} },
    actions: [
      {
        type: "button",
        action_id: "support_take",
        block_id: "support-alert:41:first_reply_time",
        text: { type: "plain_text", text: "Take it", emoji: true },
        value,
        style: "primary",
        action_ts: "1773136800.000100",
      },
    ],
  });
}

const lastUpdate = () => JSON.stringify(harness.slack.callsOf("chat.update").at(-1)?.params.blocks);

describe("Take it", () => {
  it("assigns the ticket to the rep's agent, records it, and says so in the alert", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA];
    const message = await alerted(desk);
    expect((await takeIt(message)).status).toBe(200);
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(desk.tickets[0]?.assigneeId).toBe(7);
    expect(lastUpdate()).toContain("You took it");
    expect(lastUpdate()).not.toContain("support_take");
    expect(await harness.bot.store.getSupportAlert(41, "first_reply_time")).toMatchObject({
      takenBy: "dara@example.com",
    });
    // The alert as stored now shows the same, for any later update.
    const stored = await harness.bot.store.findSentMessage(message.channel, message.ts);
    expect(JSON.stringify(stored?.payload.blocks)).toContain("You took it");
  });

  it("assigns nothing from a button whose value names another ticket than its alert's", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA];
    desk.tickets = [queueTicket(41, "2026-03-10T11:00:00Z"), queueTicket(42, "2026-03-10T18:00:00Z")];
    harness = await supportHarness("2026-03-10T10:00:00Z", desk);
    await poll(harness);
    const message = harness.slack.delivered.find((delivered) => delivered.channel === "DDARA");
    if (!message) throw new Error("no alert for Dara");
    expect((await takeIt(message, "42|first_reply_time")).status).toBe(200);
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    expect(JSON.stringify(harness.slack.callsOf("respond")[0]?.params)).toContain(
      "not on a breach alert nudgebot sent you",
    );
    expect(desk.tickets.map((ticket) => ticket.assigneeId)).toEqual([null, null]);
    expect(harness.slack.callsOf("chat.update")).toEqual([]);
  });

  it("does not reassign a ticket someone has taken in Zendesk, and says who has it", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA, { id: 9, name: "Zed <Agent>", email: "zed@example.com" }];
    const message = await alerted(desk);
    (desk.tickets[0] as { assigneeId: number | null }).assigneeId = 9;
    await takeIt(message);
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(desk.tickets[0]?.assigneeId).toBe(9);
    expect(lastUpdate()).toContain("Zed &lt;Agent&gt; has it");
    expect((await harness.bot.store.getSupportAlert(41, "first_reply_time"))?.takenBy).toBeNull();
  });

  it("tells a rep with no Zendesk agent account so, assigns nothing, and keeps the Zendesk link", async () => {
    const desk = new FakeSupportDesk();
    const message = await alerted(desk);
    await takeIt(message);
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(lastUpdate()).toContain("You have no Zendesk agent account (none with dara@example.com)");
    expect(lastUpdate()).toContain("https://acme.zendesk.test/agent/tickets/41");
    expect(desk.callsOf("assignIfUnassigned")).toEqual([]);
  });

  it("tells the rep plainly when Zendesk will not assign it to them, keeps the Zendesk link, and records nothing", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA];
    const message = await alerted(desk);
    desk.refusal = "Assignee: is not a member of the <group>";
    await takeIt(message);
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(lastUpdate()).toContain("Zendesk would not assign this ticket to you");
    expect(lastUpdate()).toContain("is not a member of the &lt;group&gt;");
    expect(lastUpdate()).not.toContain("Zendesk did not answer");
    expect(lastUpdate()).toContain("https://acme.zendesk.test/agent/tickets/41");
    expect(lastUpdate()).not.toContain("support_take");
    expect(desk.tickets[0]?.assigneeId).toBeNull();
    expect((await harness.bot.store.getSupportAlert(41, "first_reply_time"))?.takenBy).toBeNull();
  });

  it("still shows the rep the outcome when Slack refuses to update the alert after the ticket was assigned", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA];
    const message = await alerted(desk);
    harness.slack.failNext("chat.update", { status: 200, body: { ok: false, error: "message_not_found" } });
    await takeIt(message);
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params;
    expect(reply?.replace_original).toBe(true);
    expect(JSON.stringify(reply?.blocks)).toContain("You took it");
    expect(desk.tickets[0]?.assigneeId).toBe(7);
    expect((await harness.bot.store.getSupportAlert(41, "first_reply_time"))?.takenBy).toBe(
      "dara@example.com",
    );
  });

  it("acks within Slack's 3 seconds while Zendesk hangs, then finishes when it answers", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA];
    const message = await alerted(desk);
    let release = () => {};
    desk.hang = new Promise((resolve) => {
      release = resolve;
    });
    try {
      expect((await takeIt(message)).status).toBe(200);
      await eventually(() => desk.callsOf("findAgent").length === 1);
      expect(harness.slack.callsOf("chat.update")).toEqual([]);
    } finally {
      desk.hang = null;
      release();
    }
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(lastUpdate()).toContain("You took it");
  });

  it("explains a desk that does not answer, and assigns nothing", async () => {
    const desk = new FakeSupportDesk();
    desk.agents = [DARA];
    const message = await alerted(desk);
    desk.failure = unavailable();
    await takeIt(message);
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params;
    expect(reply?.response_type).toBe("ephemeral");
    expect(reply?.text).toContain("Zendesk did not answer, so nothing was assigned.");
    expect(harness.slack.callsOf("chat.update")).toEqual([]);
  });
});
