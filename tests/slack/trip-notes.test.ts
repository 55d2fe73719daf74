import { afterEach, describe, expect, it } from "vitest";
import { tripRoi } from "../../src/domain/roi.ts";
import { startJobs } from "../../src/jobs/index.ts";
import { STANDARD_RETRY } from "../../src/services/outbox-sender.ts";
import {
  eventually,
  fakeSlackWithTeam,
  type Harness,
  newDbFile,
  startHarness,
} from "../helpers/bot-harness.ts";

const NOW = "2026-03-10T15:00:00Z";
let harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses) await harness.stop().catch(() => {});
  harnesses = [];
});
async function start(options: Parameters<typeof startHarness>[0]) {
  const harness = await startHarness(options);
  harnesses.push(harness);
  return harness;
}

function submission(
  callbackId: string,
  values: Record<string, unknown>,
  privateMetadata = "",
  user = "UAVA",
) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [field, value] of Object.entries(values)) state[field] = { value };
  return {
    type: "view_submission",
    user: { id: user },
    view: {
      id: "V1",
      type: "modal",
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values: state },
    },
  };
}
const text = (value: string | null) => ({ type: "plain_text_input", value });
const date = (value: string | null) => ({ type: "datepicker", selected_date: value });
const num = (value: string | null) => ({ type: "number_input", value });
const url = (value: string | null) => ({ type: "url_text_input", value });
const radio = (value: string | null) => ({
  type: "radio_buttons",
  selected_option: value ? { value } : null,
});

const goodNotes = {
  eventName: text("DevOps Days Austin"),
  startDate: date("2026-03-02"),
  endDate: date("2026-03-04"),
  location: text("Austin, TX"),
  accountsMet: text("Cobalt Analytics: CTO & platform lead"),
  insights: text("Platform teams want one tool <!channel> & fewer <@U999> pings"),
  pipelineCreated: num("42000"),
  followUps: text("Send Cobalt the ROI deck"),
  notesUrl: url("https://docs.example.com/d/trip-1"),
  feedbackShared: radio("yes"),
};

describe("the event ROI planner", () => {
  it("works out cost × 5 ÷ 30% as the pipeline needed", () => {
    const roi = tripRoi({
      travelCost: 600,
      foodAndLodgingCost: 450,
      meals: 2,
      customers: 3,
      times: 2,
      costPerMeal: 50,
      businessHoursAway: 16,
      personalHoursAway: 8,
    });
    expect(roi).toEqual({ customerMealsCost: 600, totalCost: 1650, pipelineNeeded: 27_500, hoursAway: 24 });
  });

  it("answers in the modal with the cost and the pipeline needed, and saves the trip as planned", async () => {
    const harness = await start({ now: NOW });
    await harness.command("UAVA", "").catch(() => {});
    const response = await harness.interaction(
      submission("tripnote_plan_modal", {
        eventName: text("DevOps Days Austin"),
        startDate: date("2026-03-02"),
        endDate: date("2026-03-04"),
        travelCost: num("600"),
        foodAndLodgingCost: num("450"),
        meals: num("2"),
        customers: num("3"),
        times: num("2"),
        costPerMeal: num("50"),
        businessHoursAway: num("16"),
        personalHoursAway: num("8"),
        meetingsBooked: num("4"),
      }),
    );
    const body = (await response.json()) as { response_action: string; view: { blocks: unknown[] } };
    expect(body.response_action).toBe("update");
    const shown = JSON.stringify(body.view.blocks);
    expect(shown).toContain("*Total cost: $1,650*");
    expect(shown).toContain("*Pipeline needed: $27,500*");
    expect(shown).toContain("To return 5× what it costs when event pipeline closes at about 30%");
    const trips = await harness.bot.store.listPlannedTrips("ava@example.com");
    expect(trips.map((trip) => [trip.eventName, trip.status, trip.meetingsBooked])).toEqual([
      ["DevOps Days Austin", "planned", 4],
    ]);
  });

  it("shows each bad field next to it and saves nothing", async () => {
    const harness = await start({ now: NOW });
    const response = await harness.interaction(
      submission("tripnote_plan_modal", {
        eventName: text(""),
        startDate: date("2026-03-04"),
        endDate: date("2026-03-02"),
        travelCost: num("-5"),
        foodAndLodgingCost: num("abc"),
        meals: num("1.5"),
        customers: num("3"),
        times: num("1"),
        costPerMeal: num("20"),
        businessHoursAway: num(""),
        personalHoursAway: num("0"),
        meetingsBooked: num("0"),
      }),
    );
    expect(await response.json()).toEqual({
      response_action: "errors",
      errors: {
        eventName: "This is required.",
        travelCost: "Can't be negative.",
        foodAndLodgingCost: "Enter a plain number, such as 1200.",
        meals: "Enter a whole number.",
        businessHoursAway: "Enter a number (0 if none).",
        endDate: "The end date can't be before the start date.",
      },
    });
    expect(await harness.bot.store.listPlannedTrips()).toEqual([]);
  });
});

describe("numbers in the forms", () => {
  it("refuses a number too large to be real next to its field, instead of saving Infinity", async () => {
    const harness = await start({ now: NOW });
    const huge = "9".repeat(400);
    const plan = await harness.interaction(
      submission("tripnote_plan_modal", {
        eventName: text("DevOps Days Austin"),
        startDate: date("2026-03-02"),
        endDate: date("2026-03-04"),
        travelCost: num(huge),
        foodAndLodgingCost: num("450"),
        meals: num(huge),
        customers: num("3"),
        times: num("2"),
        costPerMeal: num("50"),
        businessHoursAway: num("16"),
        personalHoursAway: num("100000"),
        meetingsBooked: num("4"),
      }),
    );
    expect(await plan.json()).toEqual({
      response_action: "errors",
      errors: {
        travelCost: "Enter 1,000,000 or less.",
        meals: "Enter 100 or less.",
        personalHoursAway: "Enter 10,000 or less.",
      },
    });
    expect(await harness.bot.store.listPlannedTrips()).toEqual([]);

    const notes = await harness.interaction(
      submission("tripnote_modal", { ...goodNotes, pipelineCreated: num(huge) }),
    );
    expect(await notes.json()).toEqual({
      response_action: "errors",
      errors: { pipelineCreated: "Enter 1,000,000,000 or less." },
    });
    expect(await harness.bot.store.listTripNotes()).toEqual([]);
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("tells Slack the same bounds, so the modal stops a wrong number before it is sent", async () => {
    const harness = await start({ now: NOW });
    await harness.post(
      new URLSearchParams({
        command: "/tripnote",
        text: "plan",
        user_id: "UAVA",
        team_id: "T1",
        trigger_id: "t1",
        response_url: "http://slack.test/respond/1",
      }).toString(),
      "application/x-www-form-urlencoded",
    );
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    const view = harness.slack.callsOf("views.open")[0]?.params.view as {
      blocks: { block_id?: string; element?: { min_value?: string; max_value?: string } }[];
    };
    const travel = view.blocks.find((block) => block.block_id === "travelCost");
    expect(travel?.element).toMatchObject({ min_value: "0", max_value: "1000000" });
  });
});

describe("trip notes", () => {
  it("opens the form directly when there is no planned trip, and asks which trip when there is", async () => {
    const harness = await start({ now: NOW });
    await harness.post(
      new URLSearchParams({
        command: "/tripnote",
        text: "",
        user_id: "UAVA",
        team_id: "T1",
        trigger_id: "t1",
        response_url: "http://slack.test/respond/1",
      }).toString(),
      "application/x-www-form-urlencoded",
    );
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    const form = harness.slack.callsOf("views.open")[0]?.params.view as { submit?: unknown } | undefined;
    expect(form?.submit).toBeDefined();

    await harness.bot.trips.plan("ava@example.com", {
      eventName: "KubeCon",
      startDate: "2026-03-02",
      endDate: "2026-03-04",
      travelCost: 0,
      foodAndLodgingCost: 0,
      meals: 0,
      customers: 0,
      times: 0,
      costPerMeal: 0,
      businessHoursAway: 0,
      personalHoursAway: 0,
      meetingsBooked: 0,
    });
    await harness.post(
      new URLSearchParams({
        command: "/tripnote",
        text: "",
        user_id: "UAVA",
        team_id: "T1",
        trigger_id: "t2",
        response_url: "http://slack.test/respond/2",
      }).toString(),
      "application/x-www-form-urlencoded",
    );
    await eventually(() => harness.slack.callsOf("views.open").length === 2);
    const picker = JSON.stringify(harness.slack.callsOf("views.open")[1]?.params.view);
    expect(picker).toContain("Which trip are these notes for?");
    expect(picker).toContain("KubeCon (2026-03-02)");
  });

  it("validates every field in the modal and saves nothing on an error", async () => {
    const harness = await start({ now: NOW });
    const response = await harness.interaction(
      submission("tripnote_modal", {
        ...goodNotes,
        eventName: text("  "),
        endDate: date("2026-03-01"),
        insights: text(""),
        pipelineCreated: num("-1"),
        notesUrl: url("docs/trip-1"),
      }),
    );
    expect(await response.json()).toEqual({
      response_action: "errors",
      errors: {
        eventName: "This is required.",
        insights: "This is required.",
        pipelineCreated: "Can't be negative.",
        notesUrl: "Enter a full link, starting with https://",
        endDate: "The end date can't be before the start date.",
      },
    });
    expect(await harness.bot.store.listTripNotes()).toEqual([]);
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("saves, posts a readable escaped summary to the team channel once, and confirms to the rep", async () => {
    const harness = await start({ now: NOW });
    const response = await harness.interaction(submission("tripnote_modal", goodNotes));
    expect(response.status).toBe(200);
    await eventually(() => harness.slack.delivered.length === 2);
    const [post, thanks] = harness.slack.callsOf("chat.postMessage");
    expect(post?.params.channel).toBe("CTEAM");
    const blocks = JSON.stringify(post?.params.blocks);
    expect(blocks).toContain("Trip notes: DevOps Days Austin");
    expect(blocks).toContain("*<@UAVA>* shared trip notes · 2026-03-02 – 2026-03-04 · Austin, TX");
    expect(blocks).toContain("Platform teams want one tool &lt;!channel&gt; &amp; fewer &lt;@U999&gt; pings");
    expect(blocks).toContain("*Pipeline created:* $42,000");
    expect(blocks).toContain("<https://docs.example.com/d/trip-1|DevOps Days Austin>");
    expect(blocks).not.toContain("<!channel>");
    expect(thanks?.params.channel).toBe("UAVA");
    expect(String(thanks?.params.text)).toContain("shared in #commercial_global_all");
    // The channel is looked up by name once, then remembered.
    await harness.interaction(submission("tripnote_modal", goodNotes));
    await eventually(() => harness.slack.delivered.length === 4);
    expect(harness.slack.callsOf("conversations.list")).toHaveLength(1);
  });

  it("posts once when the first post gets a 429, and once when it gets a 500", async () => {
    for (const failure of ["429", "500"]) {
      const slack = fakeSlackWithTeam();
      if (failure === "429") slack.rateLimitNext("chat.postMessage", 20);
      else slack.failNext("chat.postMessage", { status: 500, body: { ok: false } });
      const harness = await start({ now: NOW, slack, retry: STANDARD_RETRY });
      await harness.interaction(submission("tripnote_modal", goodNotes));
      await eventually(
        async () =>
          (await harness.bot.store.outboxStats(harness.clock.now)).depth > 0 &&
          slack.calls.some((call) => call.method === "chat.postMessage"),
      );
      expect(slack.delivered.filter((message) => message.channel === "CTEAM")).toEqual([]);
      harness.clock.now = new Date("2026-03-10T15:05:00Z");
      await harness.bot.sender.drain();
      await harness.bot.sender.drain();
      expect(slack.delivered.filter((message) => message.channel === "CTEAM")).toHaveLength(1);
      await harness.stop();
      harnesses = [];
    }
  });

  it("keeps a submission made while Slack is down, and posts it after a restart", async () => {
    const dbFile = newDbFile();
    const down = fakeSlackWithTeam().failNext("chat.postMessage", { status: 503, body: { ok: false } }, 20);
    const first = await start({ now: NOW, dbFile, slack: down, retry: STANDARD_RETRY });
    const response = await first.interaction(submission("tripnote_modal", goodNotes));
    expect(response.status).toBe(200);
    await eventually(() => down.callsOf("chat.postMessage").length >= 1);
    await first.stop();
    harnesses = [];
    expect(down.delivered).toEqual([]);

    const up = fakeSlackWithTeam();
    const second = await start({ now: "2026-03-10T16:00:00Z", dbFile, slack: up });
    await second.bot.sender.drain();
    expect(up.delivered.map((message) => message.channel).sort()).toEqual(["CTEAM", "DAVA"]);
    expect(await second.bot.store.listTripNotes("ava@example.com")).toHaveLength(1);
  });
});

describe("trip note reminders", () => {
  it("reminds on working days after the trip, inside the window, at most 3 times, and stops once notes are in", async () => {
    // Ava is in New York. The trip ends Thursday 5 March 2026.
    const harness = await start({ now: "2026-03-05T15:00:00Z" });
    const jobs = startJobs(harness.bot.jobDeps);
    const reminders = () =>
      harness.slack
        .callsOf("chat.postMessage")
        .filter((call) => String(call.params.text).startsWith("Trip notes for"));
    const at = async (iso: string) => {
      harness.clock.now = new Date(iso);
      await jobs.rituals.runNow();
    };
    try {
      const { trip } = await harness.bot.trips.plan("ava@example.com", {
        eventName: "SaaStr",
        startDate: "2026-03-03",
        endDate: "2026-03-05",
        travelCost: 500,
        foodAndLodgingCost: 300,
        meals: 0,
        customers: 0,
        times: 0,
        costPerMeal: 0,
        businessHoursAway: 16,
        personalHoursAway: 4,
        meetingsBooked: 2,
      });
      await at("2026-03-05T15:00:00Z"); // the last day of the trip: too early
      await at("2026-03-06T12:00:00Z"); // Friday 07:00 in New York: before the window
      expect(reminders()).toHaveLength(0);
      await at("2026-03-06T14:00:00Z"); // Friday 09:00: first reminder
      await at("2026-03-06T18:00:00Z"); // same day: no second one
      await at("2026-03-07T15:00:00Z"); // Saturday: none
      await at("2026-03-09T14:00:00Z"); // Monday: second
      await at("2026-03-10T14:00:00Z"); // Tuesday: third
      await at("2026-03-11T14:00:00Z"); // Wednesday: no fourth
      expect(
        reminders().map(
          (call) => String(JSON.stringify(call.params.blocks)).match(/Reminder (\d) of 3/)?.[1],
        ),
      ).toEqual(["1", "2", "3"]);

      const { trip: other } = await harness.bot.trips.plan("ava@example.com", {
        ...trip,
        eventName: "Gartner",
      });
      await harness.bot.trips.submitNotes("ava@example.com", "UAVA", {
        tripId: other.id,
        eventName: "Gartner",
        startDate: trip.startDate,
        endDate: trip.endDate,
        location: null,
        accountsMet: null,
        insights: "Analysts asked about platform consolidation",
        pipelineCreated: null,
        followUps: null,
        notesUrl: null,
        feedbackShared: null,
      });
      await at("2026-03-12T14:00:00Z");
      expect(reminders()).toHaveLength(3);
    } finally {
      await jobs.stop();
    }
  });
});
