// A rep whose Slack email is not their CRM email: linked by an admin in two clicks from the
// "not found" notice or App Home, or named in `slackUsers:`; then their digests start, once a day.
import { afterEach, describe, expect, it } from "vitest";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { eventually, fakeSlackWithTeam, type Harness, startHarness } from "../helpers/bot-harness.ts";

const NOW = "2026-03-10T15:00:00Z";
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

/** Cy is in the CRM as cy@example.com and in Slack as cy.vance@other.example. */
function slackWithCy() {
  return fakeSlackWithTeam().addUser("cy.vance@other.example", "UCY");
}

const digestsTo = (h: Harness, channel: string) =>
  h.slack.delivered.filter((m) => m.channel === channel && JSON.stringify(m.metadata).includes("digest:"))
    .length;

function pick(user: string, email: string, selected: string, container: Record<string, unknown>) {
  return {
    type: "block_actions",
    user: { id: user },
    trigger_id: "trigger-link",
    response_url: `http://slack.test/respond/link-${user}`,
    container,
    actions: [
      {
        type: "users_select",
        action_id: "nudge_link_user",
        block_id: `link:${email}`,
        selected_user: selected,
        action_ts: "1",
      },
    ],
  };
}

describe("linking a rep to their Slack account", () => {
  it("the admin notice's picker stores the link and Cy's digests start, one a day", async () => {
    harness = await startHarness({ now: NOW, slack: slackWithCy() });
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(digestsTo(harness, "DCY")).toBe(0);
    const notice = harness.slack
      .callsOf("chat.postMessage")
      .find(
        (call) => call.params.channel === "UOPS" && JSON.stringify(call.params).includes("cy@example.com"),
      );
    expect(JSON.stringify(notice?.params.blocks)).toContain('"type":"users_select"');
    expect(JSON.stringify(notice?.params.blocks)).toContain('"block_id":"link:cy@example.com"');

    const container = { type: "message", channel_id: "DOPS", message_ts: "1.1", is_ephemeral: false };
    await harness.interaction(pick("UOPS", "cy@example.com", "UCY", container));
    await eventually(() => harness?.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params;
    expect(reply?.replace_original).toBe(true);
    expect(String(reply?.text)).toContain("Cy Vance (cy@example.com) is now linked to <@UCY>");

    await runNudgeCycle(harness.bot.cycle, "now");
    await runNudgeCycle(harness.bot.cycle, "now");
    expect(digestsTo(harness, "DCY")).toBe(1);
    // The link also tells the bot who Cy is when he uses /nudge.
    await harness.command("UCY", "me");
    await eventually(() => harness?.slack.callsOf("respond").length === 2);
    expect(String(harness.slack.callsOf("respond")[1]?.params.text)).toContain(
      "Pipeline nudges for 2026-03-10: 1 thing in 1 record to fix",
    );
  });

  it("only an admin can link: a rep's pick stores nothing", async () => {
    harness = await startHarness({ now: NOW, slack: slackWithCy() });
    const container = { type: "message", channel_id: "DAVA", message_ts: "1.1", is_ephemeral: false };
    await harness.interaction(pick("UAVA", "cy@example.com", "UAVA", container));
    await eventually(() => harness?.slack.callsOf("respond").length === 1);
    expect(String(harness.slack.callsOf("respond")[0]?.params.text)).toBe(
      "Only admins can link Slack accounts.",
    );
    expect(await harness.bot.store.listSlackLinks()).toEqual([]);
  });

  it("App Home lists unlinked reps for admins, and a pick there links and clears the list", async () => {
    harness = await startHarness({ now: NOW, slack: slackWithCy() });
    await runNudgeCycle(harness.bot.cycle, "now"); // Slack was asked about Cy and did not know him
    await harness.event({ type: "app_home_opened", user: "UOPS", tab: "home", channel: "DOPS" });
    await eventually(() => harness?.slack.callsOf("views.publish").length === 1);
    const home = JSON.stringify(harness.slack.callsOf("views.publish")[0]?.params.view);
    expect(home).toContain("*Reps not found in Slack* (1)");
    expect(home).toContain("Cy Vance (cy@example.com)");

    await harness.event({ type: "app_home_opened", user: "UAVA", tab: "home", channel: "DAVA" });
    await eventually(() => harness?.slack.callsOf("views.publish").length === 2);
    expect(JSON.stringify(harness.slack.callsOf("views.publish")[1]?.params.view)).not.toContain(
      "Reps not found in Slack",
    );

    await harness.interaction(pick("UOPS", "cy@example.com", "UCY", { type: "view", view_id: "V1" }));
    await eventually(() => harness?.slack.callsOf("views.publish").length === 3);
    expect(JSON.stringify(harness.slack.callsOf("views.publish")[2]?.params.view)).not.toContain(
      "Reps not found in Slack",
    );
    expect((await harness.bot.store.listSlackLinks()).map((link) => [link.crmEmail, link.userId])).toEqual([
      ["cy@example.com", "UCY"],
    ]);
  });

  it("a linked rep is that Slack account alone: another account with the same email gets no role", async () => {
    // Mia works from a second Slack account; her first one still carries her CRM email.
    harness = await startHarness({
      now: NOW,
      slack: fakeSlackWithTeam().addUser("mia.work@other.example", "UMIA2"),
    });
    const container = { type: "message", channel_id: "DOPS", message_ts: "1.1", is_ephemeral: false };
    await harness.interaction(pick("UOPS", "mia@example.com", "UMIA2", container));
    await eventually(() => harness?.slack.callsOf("respond").length === 1);

    const answers = () => harness?.slack.callsOf("respond").map((call) => JSON.stringify(call.params)) ?? [];
    await harness.command("UMIA", "team");
    await eventually(() => answers().length === 2);
    expect(answers()[1]).toContain("`/nudge team` is for managers and admins.");
    expect(answers()[1]).not.toContain("Team of Mia Manager");

    await harness.command("UMIA2", "team");
    await eventually(() => answers().length === 3);
    expect(answers()[2]).toContain("Team of Mia Manager");
  });

  it("slackUsers: in the config maps a CRM email to a Slack email or id", async () => {
    harness = await startHarness({
      now: NOW,
      slack: slackWithCy(),
      yaml: "slackUsers:\n  cy@example.com: cy.vance@other.example\n",
    });
    const summary = await runNudgeCycle(harness.bot.cycle, "now");
    expect(summary.notFound).toEqual([]);
    expect(digestsTo(harness, "DCY")).toBe(1);
  });
});
