// Trip notes, the ROI planner, Give Back projects and check-in answers come only from the sales
// team: someone else in the workspace (Sam, a contractor in Slack but not in reps.csv) is told so
// privately, and nothing of theirs is saved, posted or counted.
import { afterEach, describe, expect, it } from "vitest";
import { eventually, fakeSlackWithTeam, type Harness, startHarness } from "../helpers/bot-harness.ts";

const NOW = "2026-03-10T15:00:00Z";
const REFUSAL = "I can't find your Slack email among the reps nudgebot reads";
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

async function start(yaml?: string) {
  const slack = fakeSlackWithTeam().addUser("sam@contractor.example.com", "USAM");
  slack.addUser("ext@ops.example.com", "UEXT");
  harness = await startHarness({ now: NOW, slack, ...(yaml ? { yaml } : {}) });
}

let sequence = 0;
function slashCommand(command: string, text: string, user: string) {
  sequence += 1;
  return harness.post(
    new URLSearchParams({
      command,
      text,
      user_id: user,
      team_id: "T1",
      trigger_id: `t${sequence}`,
      response_url: `http://slack.test/respond/${sequence}`,
    }).toString(),
    "application/x-www-form-urlencoded",
  );
}

function submit(callbackId: string, values: Record<string, unknown>, user: string) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [field, value] of Object.entries(values)) state[field] = { value };
  return harness.interaction({
    type: "view_submission",
    user: { id: user },
    view: {
      id: "V1",
      type: "modal",
      callback_id: callbackId,
      private_metadata: "",
      state: { values: state },
    },
  });
}

const text = (value: string) => ({ type: "plain_text_input", value });
const date = (value: string) => ({ type: "datepicker", selected_date: value });
const num = (value: string) => ({ type: "number_input", value });
const select = (value: string) => ({ type: "static_select", selected_option: { value } });

const giveBack = {
  title: text("Customer AMA"),
  problem: text("Reps can't hear customers' own words about the product"),
  status: select("completed"),
};
const tripNotes = {
  eventName: text("DevOps Days Austin"),
  startDate: date("2026-03-02"),
  endDate: date("2026-03-04"),
  insights: text("Platform teams want one tool"),
};
const tripPlan = {
  eventName: text("DevOps Days Austin"),
  startDate: date("2026-03-02"),
  endDate: date("2026-03-04"),
  travelCost: num("600"),
  foodAndLodgingCost: num("450"),
  meals: num("0"),
  customers: num("0"),
  times: num("0"),
  costPerMeal: num("0"),
  businessHoursAway: num("16"),
  personalHoursAway: num("8"),
  meetingsBooked: num("4"),
};

describe("sharing with the team channel", () => {
  it("refuses the modals privately to someone who is not a rep, manager or admin, and opens them for a rep", async () => {
    await start();
    await harness.bot.pipeline.current(); // read, as the scheduler does each minute
    // Replies come after the acks, in whatever order the work ends: each is told by its response URL.
    const asked: [string, string][] = [];
    for (const [command, word] of [
      ["/tripnote", ""],
      ["/tripnote", "plan"],
      ["/giveback", ""],
    ] as const) {
      const response = await slashCommand(command, word, "USAM");
      expect(response.status).toBe(200);
      asked.push([`${command} ${word}`.trim(), `/respond/${sequence}`]);
    }
    await eventually(() => harness.slack.callsOf("respond").length === 3);
    const replies = new Map(
      asked.map(([what, path]) => [
        what,
        harness.slack.callsOf("respond").find((call) => call.path === path)?.params as {
          response_type: string;
          text: string;
        },
      ]),
    );
    expect([...replies.values()].map((reply) => reply?.response_type)).toEqual([
      "ephemeral",
      "ephemeral",
      "ephemeral",
    ]);
    expect(replies.get("/tripnote")?.text).toContain(
      "Trip notes and event plans are shared with the sales team",
    );
    expect(replies.get("/tripnote plan")?.text).toContain(
      "Trip notes and event plans are shared with the sales team",
    );
    expect(replies.get("/giveback")?.text).toContain("Give Back projects are shared with the sales team");
    for (const reply of replies.values()) expect(reply?.text).toContain(REFUSAL);
    expect(harness.slack.callsOf("views.open")).toEqual([]);

    await slashCommand("/giveback", "", "UAVA");
    await slashCommand("/tripnote", "plan", "UMIA");
    await eventually(() => harness.slack.callsOf("views.open").length === 2);
    expect(harness.slack.callsOf("respond")).toHaveLength(3);
  });

  it("right after a start, before the pipeline is read, opens the modal and leaves the refusal to the submission", async () => {
    await start();
    await slashCommand("/giveback", "", "USAM");
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    const answer = await submit("giveback_modal", giveBack, "USAM");
    const body = (await answer.json()) as { errors: Record<string, string> };
    expect(body.errors.title).toContain(REFUSAL);
    expect(await harness.bot.store.listGiveBacks()).toEqual([]);
  });

  it("refuses a submission from outside the team on the form, and saves and posts nothing", async () => {
    await start();
    const answers = [
      await submit("giveback_modal", giveBack, "USAM"),
      await submit("tripnote_modal", tripNotes, "USAM"),
      await submit("tripnote_plan_modal", tripPlan, "USAM"),
    ];
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as {
      response_action: string;
      errors: Record<string, string>;
    }[];
    expect(bodies.map((body) => body.response_action)).toEqual(["errors", "errors", "errors"]);
    expect(bodies[0]?.errors.title).toContain(REFUSAL);
    expect(bodies[1]?.errors.eventName).toContain(REFUSAL);
    expect(bodies[2]?.errors.eventName).toContain(REFUSAL);
    expect(await harness.bot.store.listGiveBacks()).toEqual([]);
    expect(await harness.bot.store.listPlannedTrips()).toEqual([]);
    await harness.bot.listeners.sender.drain();
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("takes submissions from an admin named in the config by Slack id, though not in reps.csv", async () => {
    await start("admins:\n  - UEXT\n");
    const response = await submit("giveback_modal", giveBack, "UEXT");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await eventually(() => harness.slack.delivered.length === 1);
    expect((await harness.bot.store.listGiveBacks()).map((project) => project.rep)).toEqual([
      "ext@ops.example.com",
    ]);
  });

  it("does not count a check-in answer from outside the team", async () => {
    await start();
    await submit("giveback_modal", giveBack, "UAVA");
    await eventually(() => harness.slack.delivered.length === 1);
    const [project] = await harness.bot.store.listGiveBacks();
    const answer = (user: string) =>
      harness.interaction({
        type: "block_actions",
        user: { id: user },
        response_url: `http://slack.test/respond/check-in-${user}`,
        container: { type: "message", message_ts: "1.2", channel_id: "DX", is_ephemeral: false },
        actions: [
          { type: "button", action_id: "giveback_check_in_yes", value: `${project?.id}|2026-03|yes` },
        ],
      });
    await answer("USAM");
    await answer("UKEN");
    await eventually(() => harness.slack.callsOf("respond").length === 2);
    const replies = harness.slack
      .callsOf("respond")
      .map((call) => call.params as { text: string; url?: string });
    expect(replies.find((reply) => reply.text.includes(REFUSAL))?.text).toContain(
      "Give Back check-ins measure the sales team's adoption",
    );
    expect([...(await harness.bot.store.adoptionYes("2026-03"))]).toEqual([[project?.id, 1]]);
  });
});
