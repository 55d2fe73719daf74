// "Update next step" against a slow CRM: every Slack request is answered well within Slack's 3
// seconds while the CRM is still busy, and the modal then shows what happened.
import { afterEach, describe, expect, it } from "vitest";
import { WriteBackError } from "../../src/errors.ts";
import { encodeSnooze } from "../../src/messages/ids.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { eventually, type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";
import { SlowSource } from "../helpers/slow-source.ts";

const NOW = "2026-03-10T15:00:00Z";
/** Far below Slack's 3 seconds: the ack must not wait for the CRM at all. */
const ACK_BUDGET_MS = 1_000;

let harness: Harness;
let slowSource: SlowSource | null = null;
afterEach(async () => {
  // A failed test must not leave requests waiting on a held CRM: stop() waits for them.
  slowSource?.release();
  await harness?.stop();
});

interface Modal {
  callback_id?: string;
  private_metadata?: string;
  submit?: unknown;
  blocks: unknown[];
}

async function startWithDigest(): Promise<{ source: SlowSource; digest: { channel: string; ts: string } }> {
  const source = new SlowSource(structuredClone(TEAM));
  slowSource = source;
  harness = await startHarness({ now: NOW, source });
  await runNudgeCycle(harness.bot.cycle, "now");
  const digest = harness.slack.delivered.find((delivered) => delivered.channel === "DAVA");
  if (!digest) throw new Error("no digest for Ava");
  return { source, digest };
}

/** Past the cache's 5 minutes: the next question has to read the CRM again. */
function letCacheGoStale(): void {
  harness.clock.now = new Date(harness.clock.now.getTime() + 6 * 60_000);
}

async function timed(request: Promise<Response>): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await request;
  return { response, ms: performance.now() - started };
}

function clickUpdate(digest: { channel: string; ts: string }, user = "UAVA", oppId = "006A") {
  return harness.interaction({
    type: "block_actions",
    user: { id: user },
    trigger_id: "trigger-1",
    response_url: "http://slack.test/respond/action-1",
    container: { type: "message", channel_id: digest.channel, message_ts: digest.ts, is_ephemeral: false },
    channel: { id: digest.channel },
    message: { ts: digest.ts, text: "digest", blocks: [] },
    actions: [{ type: "button", action_id: "nudge_update_next_step", value: oppId }],
  });
}

function submitNextStep(metadata: string, nextStep: string, date: string, user = "UAVA") {
  return harness.interaction({
    type: "view_submission",
    user: { id: user },
    view: {
      id: "V1",
      type: "modal",
      callback_id: "nudge_fix_modal",
      private_metadata: metadata,
      state: {
        values: {
          next_step: { value: { type: "plain_text_input", value: nextStep } },
          next_step_date: { value: { type: "datepicker", selected_date: date } },
        },
      },
    },
  });
}

/** Every modal shown so far (opened or updated), in order. */
function modals(): Modal[] {
  return harness.slack.calls
    .filter((call) => call.method === "views.open" || call.method === "views.update")
    .map((call) => call.params.view as Modal);
}

async function openForm(digest: { channel: string; ts: string }): Promise<Modal> {
  const before = modals().length;
  await clickUpdate(digest);
  await eventually(() => modals().length === before + 1);
  const form = modals()[before] as Modal;
  expect(form.callback_id).toBe("nudge_fix_modal");
  return form;
}

describe("the Update next step button with a slow CRM", () => {
  it("opens a Loading modal at once while the CRM is read, then fills in the form", async () => {
    const { source, digest } = await startWithDigest();
    letCacheGoStale();
    source.hold();

    const { response, ms } = await timed(clickUpdate(digest));
    expect(response.status).toBe(200);
    expect(ms).toBeLessThan(ACK_BUDGET_MS);
    // The trigger id is used while the CRM read is still under way.
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    await eventually(() => source.waiting === 1);
    const opened = harness.slack.callsOf("views.open")[0]?.params as { trigger_id: string; view: Modal };
    expect(opened.trigger_id).toBe("trigger-1");
    expect(JSON.stringify(opened.view)).toContain("Loading the opportunity");
    expect(harness.slack.callsOf("views.update")).toEqual([]);

    source.release();
    await eventually(() => harness.slack.callsOf("views.update").length === 1);
    const filled = harness.slack.callsOf("views.update")[0]?.params as { view_id: string; view: Modal };
    expect(filled.view_id).toBe("V1");
    expect(filled.view.callback_id).toBe("nudge_fix_modal");
    const text = JSON.stringify(filled.view);
    expect(text).toContain("Northwind Logistics - Premium New");
    expect(text).toContain('"initial_value":"tbd"');
  });

  it("opens the form straight from a fresh cache, without reading the CRM", async () => {
    const { source, digest } = await startWithDigest();
    const loads = source.loads;
    await openForm(digest);
    expect(harness.slack.callsOf("views.update")).toEqual([]);
    expect(source.loads).toBe(loads);
  });
});

describe("saving a next step with a slow CRM", () => {
  it("answers the submission with a Saving view at once, writes after the answer, then shows the result", async () => {
    const { source, digest } = await startWithDigest();
    const form = await openForm(digest);
    letCacheGoStale();
    source.hold();

    const { response, ms } = await timed(
      submitNextStep(form.private_metadata ?? "", "Send the 3-year quote to their CFO", "2026-03-12"),
    );
    expect(ms).toBeLessThan(ACK_BUDGET_MS);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { response_action: string; view: Modal };
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view)).toContain("Saving your next step");
    expect(answer.view.submit).toBeUndefined();
    // The record is read again before it is written: the write waits for that read.
    await eventually(() => source.waiting === 1);
    expect(source.updates).toEqual([]);

    source.release();
    await eventually(() => harness.slack.callsOf("views.update").length === 1);
    expect(source.updates).toEqual([
      {
        recordType: "opportunity",
        id: "006A",
        patch: { nextStep: "Send the 3-year quote to their CFO", nextStepDate: "2026-03-12" },
      },
    ]);
    const result = harness.slack.callsOf("views.update")[0]?.params as { view_id: string; view: Modal };
    expect(result.view_id).toBe("V1");
    expect(JSON.stringify(result.view)).toContain(
      "Saved. Next step: Send the 3-year quote to their CFO (2026-03-12).",
    );
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(JSON.stringify(harness.slack.callsOf("chat.update")[0]?.params.blocks)).toContain(
      "Next step set: Send the 3-year quote to their CFO (2026-03-12).",
    );
  });

  it("still shows bad input inline in the submission's answer, and writes nothing", async () => {
    const { source, digest } = await startWithDigest();
    const form = await openForm(digest);
    letCacheGoStale();
    source.hold();
    const { response, ms } = await timed(
      submitNextStep(form.private_metadata ?? "", "follow up", "2026-03-09"),
    );
    expect(ms).toBeLessThan(ACK_BUDGET_MS);
    expect(await response.json()).toEqual({
      response_action: "errors",
      errors: {
        next_step: "Too vague to act on: say what you will do, with whom.",
        next_step_date: "The next step date can't be in the past.",
      },
    });
    // Validation needed no CRM read.
    expect(source.waiting).toBe(0);
    source.release();
    expect(source.updates).toEqual([]);
  });

  it("asks to reopen a form it cannot read (opened before an upgrade, or tampered with), and writes nothing", async () => {
    const { source } = await startWithDigest();
    for (const metadata of ["not json", JSON.stringify({ oppId: "006A" })]) {
      const response = await submitNextStep(metadata, "Send the 3-year quote to their CFO", "2026-03-12");
      expect(await response.json()).toEqual({
        response_action: "errors",
        errors: { next_step: "This form is out of date: open it again from the nudge." },
      });
    }
    expect(source.updates).toEqual([]);
  });

  it("shows the CRM's validation message in the modal, keeps what the rep typed, and saves on the next try", async () => {
    const { source, digest } = await startWithDigest();
    const form = await openForm(digest);
    source.refuse = new WriteBackError("Next Step Date: must be a <b>working</b> day", "nextStepDate");

    await submitNextStep(form.private_metadata ?? "", "Send the 3-year quote to their CFO", "2026-03-14");
    await eventually(() => harness.slack.callsOf("views.update").length === 1);
    const again = harness.slack.callsOf("views.update")[0]?.params.view as Modal;
    expect(again.callback_id).toBe("nudge_fix_modal");
    const text = JSON.stringify(again.blocks);
    expect(text).toContain(":warning: Next Step Date: must be a &lt;b&gt;working&lt;/b&gt; day");
    expect(text).toContain('"initial_value":"Send the 3-year quote to their CFO"');
    expect(text).toContain('"initial_date":"2026-03-14"');
    expect(text.indexOf("must be a")).toBeGreaterThan(text.indexOf("next_step_date"));
    expect(source.updates).toEqual([]);
    expect(harness.slack.callsOf("chat.update")).toEqual([]);

    source.refuse = null;
    await submitNextStep(again.private_metadata ?? "", "Send the 3-year quote to their CFO", "2026-03-13");
    await eventually(() => harness.slack.callsOf("views.update").length === 2);
    expect(source.updates).toEqual([
      {
        recordType: "opportunity",
        id: "006A",
        patch: { nextStep: "Send the 3-year quote to their CFO", nextStepDate: "2026-03-13" },
      },
    ]);
  });

  it("brings the form back with the rep's text when the CRM does not answer", async () => {
    const { source, digest } = await startWithDigest();
    const form = await openForm(digest);
    source.fail = new Error("socket hang up");
    const { response } = await timed(
      submitNextStep(form.private_metadata ?? "", "Book the security review with Dana", "2026-03-12"),
    );
    expect(response.status).toBe(200);
    await eventually(() => harness.slack.callsOf("views.update").length === 1);
    const again = JSON.stringify(harness.slack.callsOf("views.update")[0]?.params.view);
    expect(again).toContain("The CRM did not answer, so your next step may not be saved.");
    expect(again).toContain('"initial_value":"Book the security review with Dana"');
    expect(again).toContain('"submit"');
    // No generic "something went wrong" through the response URL: the modal said it.
    expect(harness.slack.callsOf("respond")).toEqual([]);
  });

  it("patches the cached record after a write instead of re-reading the whole pipeline", async () => {
    const { source, digest } = await startWithDigest();
    const form = await openForm(digest);
    await submitNextStep(form.private_metadata ?? "", "Send the 3-year quote to their CFO", "2026-03-12");
    await eventually(() => harness.slack.callsOf("views.publish").length === 1);
    // The record was read again before the write (to see it had not changed); nothing after it.
    const loads = source.loads;

    await harness.command("UAVA", "me");
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params as { text: string };
    // The vague "tbd" is fixed: Ava's /nudge me no longer counts it, and nothing re-read the CRM.
    expect(reply.text).toBe("Pipeline nudges for 2026-03-10: 2 things in 2 records to fix.");
    expect(source.loads).toBe(loads);
  });
});

describe("who may update a next step", () => {
  it("refuses the modal to someone who does not own the opportunity, showing nothing of it", async () => {
    const { digest } = await startWithDigest();
    await clickUpdate(digest, "UKEN", "006A");
    await eventually(() => harness.slack.callsOf("views.open").length === 1);
    const view = harness.slack.callsOf("views.open")[0]?.params.view as Modal;
    const text = JSON.stringify(view);
    expect(text).toContain("You can update the next step of your own opportunities only");
    expect(view.callback_id).toBeUndefined();
    expect(text).not.toContain("Northwind");
    expect(text).not.toContain("tbd");
  });

  it("refuses it the same way when the CRM had to be read first", async () => {
    const { digest } = await startWithDigest();
    letCacheGoStale();
    await clickUpdate(digest, "UKEN", "006A");
    await eventually(() => harness.slack.callsOf("views.update").length === 1);
    const text = JSON.stringify(harness.slack.callsOf("views.update")[0]?.params.view);
    expect(text).toContain("You can update the next step of your own opportunities only");
    expect(text).not.toContain("Northwind");
  });

  it("opens it for the owner's manager and for an admin", async () => {
    const { digest } = await startWithDigest();
    for (const [index, user] of ["UMIA", "UOPS"].entries()) {
      await clickUpdate(digest, user, "006A");
      await eventually(() => harness.slack.callsOf("views.open").length === index + 1);
      const view = harness.slack.callsOf("views.open")[index]?.params.view as Modal;
      expect(view.callback_id).toBe("nudge_fix_modal");
    }
  });

  it("writes nothing for a submission from someone who does not own the opportunity", async () => {
    const { source, digest } = await startWithDigest();
    const form = await openForm(digest);
    await submitNextStep(
      form.private_metadata ?? "",
      "Send the 3-year quote to their CFO",
      "2026-03-12",
      "UKEN",
    );
    await eventually(() => harness.slack.callsOf("views.update").length === 1);
    expect(JSON.stringify(harness.slack.callsOf("views.update")[0]?.params.view)).toContain(
      "You can update the next step of your own opportunities only",
    );
    expect(source.updates).toEqual([]);
    expect(harness.slack.callsOf("chat.update")).toEqual([]);
  });
});

describe("other listeners that read the pipeline, with a slow CRM", () => {
  it("acknowledge /nudge, App Home and Snooze at once and answer once the CRM has been read", async () => {
    const { source, digest } = await startWithDigest();
    letCacheGoStale();
    source.hold();
    const snooze = encodeSnooze({
      days: 1,
      recordType: "opportunity",
      recordId: "006B",
      rules: ["next-step-overdue"],
    });
    const requests = [
      harness.command("UAVA", "me"),
      harness.command("UMIA", "team"),
      harness.event({ type: "app_home_opened", user: "UKEN", channel: "DKEN", tab: "home" }),
      harness.interaction({
        type: "block_actions",
        user: { id: "UAVA" },
        trigger_id: "trigger-2",
        response_url: "http://slack.test/respond/action-2",
        container: {
          type: "message",
          channel_id: digest.channel,
          message_ts: digest.ts,
          is_ephemeral: false,
        },
        channel: { id: digest.channel },
        message: { ts: digest.ts, text: "digest", blocks: [] },
        actions: [{ type: "static_select", action_id: "nudge_snooze", selected_option: { value: snooze } }],
      }),
    ];
    for (const { response, ms } of await Promise.all(requests.map(timed))) {
      expect(response.status).toBe(200);
      expect(ms).toBeLessThan(ACK_BUDGET_MS);
    }
    await eventually(() => source.waiting === 1);
    expect(harness.slack.callsOf("respond")).toEqual([]);

    source.release();
    await eventually(() => harness.slack.callsOf("respond").length === 2);
    await eventually(() => harness.slack.callsOf("views.publish").length === 1);
    await eventually(() => harness.slack.callsOf("chat.update").length === 1);
    expect(source.loads).toBe(2);
  });
});
