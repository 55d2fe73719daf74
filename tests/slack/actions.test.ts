import { afterEach, describe, expect, it } from "vitest";
import { encodeSnooze } from "../../src/messages/ids.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { eventually, type Harness, startHarness } from "../helpers/bot-harness.ts";

const NOW = "2026-03-10T15:00:00Z";
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

async function avaDigest(h: Harness) {
  await runNudgeCycle(h.bot.cycle, "now");
  const message = h.slack.delivered.find((delivered) => delivered.channel === "DAVA");
  if (!message) throw new Error("no digest for Ava");
  return message;
}

function blockAction(
  message: { channel: string; ts: string },
  action: Record<string, unknown>,
  user = "UAVA",
) {
  return {
    type: "block_actions",
    user: { id: user },
    trigger_id: "trigger-1",
    response_url: "http://slack.test/respond/action-1",
    container: { type: "message", channel_id: message.channel, message_ts: message.ts, is_ephemeral: false },
    channel: { id: message.channel },
    message: { ts: message.ts, text: "digest", blocks: [] },
    actions: [action],
  };
}

describe("snoozing from a digest", () => {
  it("stores the snooze, updates the digest in place, and keeps the finding out until it ends", async () => {
    harness = await startHarness({ now: NOW });
    const message = await avaDigest(harness);
    const value = encodeSnooze({
      days: 3,
      recordType: "opportunity",
      recordId: "006A",
      rules: ["next-step-vague", "source-missing"],
    });
    const response = await harness.interaction(
      blockAction(message, {
        type: "static_select",
        action_id: "nudge_snooze",
        block_id: "record:opportunity:006A",
        selected_option: { value, text: { type: "plain_text", text: "Snooze 3 days" } },
      }),
    );
    expect(response.status).toBe(200);
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    const update = harness.slack.callsOf("chat.update")[0]?.params as {
      channel: string;
      ts: string;
      blocks: unknown[];
    };
    expect(update.channel).toBe("DAVA");
    expect(update.ts).toBe(message.ts);
    const text = JSON.stringify(update.blocks);
    expect(text).toContain("Snoozed until 2026-03-13.");
    expect(text).not.toContain("record:opportunity:006A");
    expect(text).toContain("record:opportunity:006B");
    expect(await harness.bot.store.activeSnoozes("ava@example.com", "2026-03-13")).toHaveLength(2);
    expect(await harness.bot.store.activeSnoozes("ava@example.com", "2026-03-14")).toHaveLength(0);
  });

  it("answers a tampered snooze value politely and stores nothing", async () => {
    harness = await startHarness({ now: NOW });
    const message = await avaDigest(harness);
    await harness.interaction(
      blockAction(message, {
        type: "static_select",
        action_id: "nudge_snooze",
        selected_option: { value: "x|y" },
      }),
    );
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    expect(harness.slack.callsOf("respond")[0]?.params.text).toBe(
      "That snooze button is out of date: try `/nudge me`.",
    );
    expect(await harness.bot.store.activeSnoozes("ava@example.com", "2026-03-10")).toEqual([]);
  });
});

describe("snoozing a record that is not yours", () => {
  const snoozeAva = (days: number) => ({
    type: "static_select",
    action_id: "nudge_snooze",
    block_id: "record:opportunity:006A",
    selected_option: {
      value: encodeSnooze({ days, recordType: "opportunity", recordId: "006A", rules: ["source-missing"] }),
      text: { type: "plain_text", text: "Snooze" },
    },
  });
  const snoozedOn006A = async (h: Harness) =>
    (await h.bot.store.history.openEpisodes()).find(
      (episode) => episode.rule === "source-missing" && episode.recordId === "006A",
    )?.snoozedOn ?? null;

  it("refuses another rep politely: nothing is stored, and the owner's history is untouched", async () => {
    harness = await startHarness({ now: NOW });
    await avaDigest(harness);
    const kens = harness.slack.delivered.find((delivered) => delivered.channel === "DKEN");
    if (!kens) throw new Error("no digest for Ken");
    // Ken's own digest, with a value naming Ava's opportunity.
    await harness.interaction(blockAction(kens, snoozeAva(7), "UKEN"));
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params;
    expect(reply?.response_type).toBe("ephemeral");
    expect(reply?.replace_original).toBe(false);
    expect(reply?.text).toBe(
      "You can snooze nudges on your own records only (managers: their reps', admins: everyone's). Nothing was snoozed.",
    );
    expect(harness.slack.callsOf("chat.update")).toEqual([]);
    expect(await harness.bot.store.activeSnoozes("ava@example.com", "2026-03-10")).toEqual([]);
    expect(await harness.bot.store.activeSnoozes("ken@example.com", "2026-03-11")).toEqual([]);
    expect(await snoozedOn006A(harness)).toBeNull();
  });

  it("lets Ava's manager snooze it, for Ava", async () => {
    harness = await startHarness({ now: NOW });
    await avaDigest(harness);
    const ephemeral = { channel: "C1", ts: "1.1" };
    const action = blockAction(ephemeral, snoozeAva(1), "UMIA");
    await harness.interaction({ ...action, container: { ...action.container, is_ephemeral: true } });
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    expect(harness.slack.callsOf("respond")[0]?.params.replace_original).toBe(true);
    expect(await harness.bot.store.activeSnoozes("ava@example.com", "2026-03-11")).toHaveLength(1);
    expect(await snoozedOn006A(harness)).toBe("2026-03-10");
  });
});

describe("updating a next step", () => {
  it("explains in the modal that a CSV source is read-only", async () => {
    harness = await startHarness({ now: NOW });
    const message = await avaDigest(harness);
    await harness.interaction(
      blockAction(message, { type: "button", action_id: "nudge_update_next_step", value: "006A" }),
    );
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    const view = harness.slack.callsOf("views.open")[0]?.params.view as {
      submit?: unknown;
      blocks: unknown[];
    };
    expect(view.submit).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain("read-only source (a CSV export)");
  });
});

describe("who sees what", () => {
  it("refuses /nudge run to a rep and sends nothing", async () => {
    harness = await startHarness({ now: NOW });
    await harness.command("UAVA", "run");
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    expect(harness.slack.callsOf("respond")[0]?.params.text).toBe(
      "Sorry, only admins can run the nudge cycle. Digests go out on their own each working day.",
    );
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("shows a manager their own reps and an admin everyone; a rep gets a refusal", async () => {
    harness = await startHarness({ now: NOW });
    const teamReply = async (user: string) => {
      const before = harness.slack.callsOf("respond").length;
      await harness.command(user, "team");
      await eventually(() => harness.slack.callsOf("respond").length === before + 1);
      return JSON.stringify(harness.slack.callsOf("respond")[before]?.params);
    };
    const manager = await teamReply("UMIA");
    expect(manager).toContain("Ava Okafor");
    expect(manager).toContain("Ken Sato");
    expect(manager).not.toContain("Cy Vance");
    const admin = await teamReply("UOPS");
    expect(admin).toContain("Cy Vance");
    expect(admin).toContain("Ava Okafor");
    expect(await teamReply("UAVA")).toContain("`/nudge team` is for managers and admins.");
  });

  it("shows a rep only their own findings with /nudge me", async () => {
    harness = await startHarness({ now: NOW });
    await harness.command("UKEN", "");
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = JSON.stringify(harness.slack.callsOf("respond")[0]?.params);
    expect(reply).toContain("006K");
    expect(reply).not.toContain("006A");
  });

  it("gives the scorecard with /nudge score", async () => {
    harness = await startHarness({ now: NOW });
    await harness.command("UAVA", "score");
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params as { text: string };
    expect(reply.text).toBe("Your Required 7 scorecard: 70%");
  });
});

describe("App Home", () => {
  it("publishes the rep's scorecard and findings when they open it, and the team for a manager", async () => {
    harness = await startHarness({ now: NOW });
    await harness.event({ type: "app_home_opened", user: "UAVA", channel: "DAVA", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 1);
    const rep = harness.slack.callsOf("views.publish")[0]?.params as { user_id: string; view: unknown };
    expect(rep.user_id).toBe("UAVA");
    const repView = JSON.stringify(rep.view);
    expect(repView).toContain("Required 7 scorecard: 70%");
    expect(repView).toContain("nudge_snooze");
    expect(repView).not.toContain("whole team");

    await harness.event({ type: "app_home_opened", user: "UMIA", channel: "DMIA", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 2);
    const managerView = JSON.stringify(harness.slack.callsOf("views.publish")[1]?.params.view);
    expect(managerView).toContain("Team of Mia Manager");
    expect(managerView).toContain("You have no records in the pipeline");
  });
});
