import { afterEach, describe, expect, it } from "vitest";
import { adoption, monthOf, previousMonth } from "../../src/domain/adoption.ts";
import { startJobs } from "../../src/jobs/index.ts";
import { eventually, type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";

const NOW = "2026-03-10T15:00:00Z";
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

const text = (value: string | null) => ({ type: "plain_text_input", value });
const url = (value: string | null) => ({ type: "url_text_input", value });
const select = (value: string | null) => ({
  type: "static_select",
  selected_option: value ? { value } : null,
});
const radio = (value: string | null) => ({
  type: "radio_buttons",
  selected_option: value ? { value } : null,
});

function submit(values: Record<string, unknown>, user = "UAVA") {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [field, value] of Object.entries(values)) state[field] = { value };
  return harness.interaction({
    type: "view_submission",
    user: { id: user },
    view: {
      id: "V1",
      type: "modal",
      callback_id: "giveback_modal",
      private_metadata: "",
      state: { values: state },
    },
  });
}

const project = {
  title: text("Customer AMA <!here>"),
  problem: text("Reps can't hear customers' own words about the product"),
  description: text("Monthly AMA; sign up in the sheet"),
  coeTopic: select("Customer Advisory Board"),
  trackingUrl: url("https://issues.example.com/give-back/12"),
  repeatable: radio("yes"),
  handbookUrl: url("https://handbook.example.com/customer-ama"),
  status: select("completed"),
};

function slashCommand(command: string, text: string, user: string, n: number) {
  return harness.post(
    new URLSearchParams({
      command,
      text,
      user_id: user,
      team_id: "T1",
      trigger_id: `t${n}`,
      response_url: `http://slack.test/respond/${n}`,
    }).toString(),
    "application/x-www-form-urlencoded",
  );
}

describe("adoption maths", () => {
  it("is distinct yes answers over the team size, against 70%", () => {
    expect(adoption("2026-03", 3, 4)).toEqual({
      month: "2026-03",
      yes: 3,
      teamSize: 4,
      rate: 0.75,
      meetsGoal: true,
    });
    expect(adoption("2026-03", 2, 3).meetsGoal).toBe(false);
    expect(adoption("2026-03", 7, 10).meetsGoal).toBe(true);
    expect(adoption("2026-03", 0, 0).rate).toBeNull();
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(monthOf("2026-03-31")).toBe("2026-03");
  });
});

describe("Give Back projects", () => {
  it("opens the modal with the handbook's Center of Excellence topics", async () => {
    harness = await startHarness({ now: NOW });
    await slashCommand("/giveback", "", "UAVA", 1);
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    const view = JSON.stringify(harness.slack.callsOf("views.open")[0]?.params.view);
    expect(view).toContain("KISS enablement");
    expect(view).toContain("Sales process - SDR");
  });

  it("shows every bad field in the modal and saves nothing", async () => {
    harness = await startHarness({ now: NOW });
    const response = await submit({
      ...project,
      title: text(""),
      problem: text(" "),
      trackingUrl: url("issue 12"),
      handbookUrl: url(null),
    });
    expect(await response.json()).toEqual({
      response_action: "errors",
      errors: {
        title: "This is required.",
        problem: "This is required.",
        trackingUrl: "Enter a full link, starting with https://",
        handbookUrl: "A repeatable project needs the link to its handbook entry.",
      },
    });
    expect(await harness.bot.store.listGiveBacks()).toEqual([]);
  });

  it("saves the project and posts it to the team channel once, escaped", async () => {
    harness = await startHarness({ now: NOW });
    expect((await submit(project)).status).toBe(200);
    await eventually(() => harness.slack.delivered.length === 1);
    const post = harness.slack.callsOf("chat.postMessage")[0]?.params;
    expect(post?.channel).toBe("CTEAM");
    const blocks = JSON.stringify(post?.blocks);
    expect(blocks).toContain("Give Back: Customer AMA &lt;!here&gt;"); // Slack shows the header as typed
    expect(post?.text).toBe("Give Back: Customer AMA &lt;!here&gt;"); // the channel notification cannot ping
    expect(blocks).toContain("*<@UAVA>* shared a Give Back project");
    expect(blocks).toContain("*Center of Excellence:* Customer Advisory Board");
    expect(blocks).not.toContain("*Customer AMA <!here>*");
    const [saved] = await harness.bot.store.listGiveBacks();
    expect(saved).toMatchObject({
      rep: "ava@example.com",
      status: "completed",
      repeatable: true,
      coeTopic: "Customer Advisory Board",
    });
  });

  it("lists projects with status and adoption, and lets the author change the status in place", async () => {
    harness = await startHarness({ now: NOW });
    await submit({ ...project, status: select(null), repeatable: radio(null), handbookUrl: url(null) });
    await eventually(async () => (await harness.bot.store.listGiveBacks()).length === 1);
    const [saved] = await harness.bot.store.listGiveBacks();
    expect(saved?.status).toBe("proposed");

    await slashCommand("/giveback", "list", "UAVA", 2);
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    expect(JSON.stringify(harness.slack.callsOf("respond")[0]?.params)).toContain(
      "Customer AMA &lt;!here&gt;* · proposed",
    );

    const change = (user: string) =>
      harness.interaction({
        type: "block_actions",
        user: { id: user },
        response_url: "http://slack.test/respond/list",
        container: { type: "message", message_ts: "1.1", channel_id: "C1", is_ephemeral: true },
        actions: [
          {
            type: "static_select",
            action_id: "giveback_set_status",
            selected_option: { value: `${saved?.id}|completed` },
          },
        ],
      });
    await change("UKEN");
    await eventually(() => harness.slack.callsOf("respond").length === 2);
    expect(harness.slack.callsOf("respond")[1]?.params.text).toBe(
      "Only the project's author can change its status.",
    );
    expect((await harness.bot.store.getGiveBack(saved?.id ?? ""))?.status).toBe("proposed");

    await change("UAVA");
    await eventually(() => harness.slack.callsOf("respond").length === 3);
    const updated = harness.slack.callsOf("respond")[2]?.params as {
      replace_original: boolean;
      blocks: unknown[];
    };
    expect(updated.replace_original).toBe(true);
    expect(JSON.stringify(updated.blocks)).toContain("· completed");
    expect((await harness.bot.store.getGiveBack(saved?.id ?? ""))?.status).toBe("completed");
  });
});

describe("adoption check-ins", () => {
  it("asks each team member once a month from the 25th in their own timezone, and counts distinct yeses", async () => {
    harness = await startHarness({ now: "2026-03-10T15:00:00Z" });
    const jobs = startJobs(harness.bot.jobDeps);
    const at = async (iso: string) => {
      harness.clock.now = new Date(iso);
      await jobs.rituals.runNow();
    };
    const checkIns = () =>
      harness.slack
        .callsOf("chat.postMessage")
        .filter((call) => String(call.params.text).startsWith("Did you use"));
    try {
      await submit(project);
      await eventually(() => harness.slack.delivered.length === 1);
      const [saved] = await harness.bot.store.listGiveBacks();
      const id = saved?.id ?? "";

      await at("2026-03-24T15:00:00Z"); // the 24th everywhere: too early
      expect(checkIns()).toEqual([]);
      await at("2026-03-25T00:30:00Z"); // 09:30 on the 25th in Tokyo, still the 24th in New York
      expect(checkIns().map((call) => call.params.channel)).toEqual(["UKEN"]);
      await at("2026-03-25T13:30:00Z"); // 09:30 in New York: Mia and Ava (Cy is not in Slack)
      await at("2026-03-26T13:30:00Z"); // once a month
      expect(
        checkIns()
          .map((call) => call.params.channel)
          .sort(),
      ).toEqual(["UAVA", "UKEN", "UMIA"]);

      const answer = (user: string, value: string) =>
        harness.interaction({
          type: "block_actions",
          user: { id: user },
          response_url: `http://slack.test/respond/check-in-${user}`,
          container: {
            type: "message",
            message_ts: "1.2",
            channel_id: `D${user.slice(1)}`,
            is_ephemeral: false,
          },
          actions: [{ type: "button", action_id: `giveback_check_in_${value.split("|")[2]}`, value }],
        });
      // Ken answers the March check-in on 1 April: it counts for March.
      harness.clock.now = new Date("2026-04-01T01:00:00Z");
      await answer("UKEN", `${id}|2026-03|yes`);
      await answer("UKEN", `${id}|2026-03|no`);
      await answer("UMIA", `${id}|2026-03|yes`);
      await eventually(() => harness.slack.callsOf("respond").length === 3);
      const replies = harness.slack
        .callsOf("respond")
        .map((call) => call.params as { text: string; replace_original: boolean });
      expect(replies.map((reply) => reply.replace_original)).toEqual([true, true, true]);
      expect(replies[0]?.text).toBe("Thanks: you used *Customer AMA &lt;!here&gt;* in 2026-03.");
      expect(replies[1]?.text).toBe(
        "You had already answered for *Customer AMA &lt;!here&gt;* in 2026-03; your first answer stands.",
      );

      // Team: Mia, Ava, Ken and Cy (the admin is not counted). 2 of 4 is 50%, under the goal.
      // 01:00Z on 1 April is still 31 March in New York: March is "this month" there.
      let rows = await harness.bot.giveBacks.list(
        { email: "ava@example.com", isAdmin: false },
        "America/New_York",
      );
      expect(rows[0]?.thisMonth).toMatchObject({
        month: "2026-03",
        yes: 2,
        teamSize: 4,
        rate: 0.5,
        meetsGoal: false,
      });
      await answer("UAVA", `${id}|2026-03|yes`);
      await eventually(() => harness.slack.callsOf("respond").length === 4);
      // In Tokyo it is already April: March is last month there.
      rows = await harness.bot.giveBacks.list({ email: "ken@example.com", isAdmin: false }, "Asia/Tokyo");
      expect(rows[0]?.lastMonth).toMatchObject({ month: "2026-03", yes: 3, rate: 0.75, meetsGoal: true });
      expect(rows[0]?.thisMonth).toMatchObject({ month: "2026-04", yes: 0 });

      // App Home shows it too, against the goal.
      await harness.event({ type: "app_home_opened", user: "UKEN", channel: "DKEN", tab: "home" });
      await eventually(() => harness.slack.callsOf("views.publish").length === 1);
      const home = JSON.stringify(harness.slack.callsOf("views.publish")[0]?.params.view);
      expect(home).toContain("2026-03: 3 of 4 (75%) ✅");
      expect(home).toContain("2026-04: 0 of 4 (0%) below 70%");
    } finally {
      await jobs.stop();
    }
  });
});

describe("new hires", () => {
  it("get a weekly reminder until they submit a Give Back project", async () => {
    const data = structuredClone(TEAM);
    const ava = data.reps.find((rep) => rep.email === "ava@example.com");
    if (ava) ava.startDate = "2026-02-20";
    harness = await startHarness({ now: "2026-03-09T14:00:00Z", data });
    const jobs = startJobs(harness.bot.jobDeps);
    const reminders = () =>
      harness.slack
        .callsOf("chat.postMessage")
        .filter((call) => call.params.text === "Your Give Back project");
    try {
      await jobs.rituals.runNow(); // Monday 10:00 in New York
      harness.clock.now = new Date("2026-03-11T14:00:00Z");
      await jobs.rituals.runNow(); // Wednesday, same week
      expect(reminders().map((call) => call.params.channel)).toEqual(["UAVA"]);
      harness.clock.now = new Date("2026-03-16T14:00:00Z");
      await jobs.rituals.runNow(); // the next Monday
      expect(reminders()).toHaveLength(2);
      await submit({ ...project, repeatable: radio("no"), handbookUrl: url(null) });
      await eventually(async () => (await harness.bot.store.listGiveBacks()).length === 1);
      harness.clock.now = new Date("2026-03-23T14:00:00Z");
      await jobs.rituals.runNow();
      expect(reminders()).toHaveLength(2);
    } finally {
      await jobs.stop();
    }
  });
});
