// The fix buttons of a digest, through the real Bolt routing, against a stand-in Salesforce: each
// kind's modal, what it PATCHes, the CRM's refusals, fields the bot may not write, records changed
// since the digest, who may use them, a read-only CSV source, and a CRM too slow for Slack's 3 s.
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/domain/model.ts";
import { encodeFix, type FixValue } from "../../src/messages/ids.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { mergeFieldMap } from "../../src/sources/salesforce/field-map.ts";
import { StaticTokenAuth } from "../../src/sources/salesforce/salesforce-auth.ts";
import { FAST_SALESFORCE_RETRY, SalesforceClient } from "../../src/sources/salesforce/salesforce-client.ts";
import { SalesforceSource } from "../../src/sources/salesforce/salesforce-source.ts";
import { eventually, type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";
import { account, opportunity, snapshot, withPlan } from "../helpers/builders.ts";
import {
  CLOSED_REASON_VALUES,
  type FakeSalesforce,
  type FakeSalesforceOptions,
  HOW_HEARD_VALUES,
  startFakeSalesforce,
} from "../helpers/fake-salesforce.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";
import { SlowSource } from "../helpers/slow-source.ts";

const NOW = "2026-03-10T15:00:00Z";
const ACK_BUDGET_MS = 1_000;

/** Ava's pipeline with one record for each fix; Ken owns the rest. */
const DATA: Snapshot = snapshot({
  reps: TEAM.reps,
  accounts: [
    account({ id: "001A", tier: null, tierNotes: null }),
    account({ id: "001K", ownerEmail: "ken@example.com" }),
  ],
  opportunities: [
    opportunity({
      id: "006A",
      nextStep: "tbd",
      closeDate: "2026-03-01",
      amount: 20_000,
      howHeard: null,
      commandPlan: withPlan({ whyNow: null, closePlan: null }),
    }),
    opportunity({
      id: "006W",
      name: "Bluepeak - Lost",
      isClosed: true,
      stage: "Closed Lost",
      closeDate: "2026-03-05",
      closedReason: null,
    }),
    opportunity({ id: "006K", accountId: "001K", ownerEmail: "ken@example.com" }),
  ],
});

let harness: Harness | null = null;
let fake: FakeSalesforce | null = null;
let slow: SlowSource | null = null;
afterEach(async () => {
  slow?.release();
  await harness?.stop();
  await fake?.close();
  harness = null;
  fake = null;
  slow = null;
});

interface Modal {
  callback_id?: string;
  private_metadata?: string;
  submit?: unknown;
  blocks: { type: string; block_id?: string; element?: Record<string, unknown> }[];
}

async function startOnSalesforce(options: FakeSalesforceOptions = {}): Promise<Harness> {
  fake = await startFakeSalesforce(DATA, options);
  const source = new SalesforceSource({
    client: new SalesforceClient({
      auth: new StaticTokenAuth({ instanceUrl: fake.url, accessToken: "00D!token" }),
      apiVersion: "62.0",
      logger: quietLogger,
      retry: FAST_SALESFORCE_RETRY,
    }),
    fieldMap: mergeFieldMap({}),
    logger: quietLogger,
    closedWithinDays: 30,
  });
  harness = await startHarness({ now: NOW, source });
  await runNudgeCycle(harness.bot.cycle, "now");
  return harness;
}

function bot(): Harness {
  if (!harness) throw new Error("no harness");
  return harness;
}

function digestOf(channel = "DAVA"): { channel: string; ts: string } {
  const digest = bot().slack.delivered.find((delivered) => delivered.channel === channel);
  if (!digest) throw new Error("no digest");
  return digest;
}

function click(fix: FixValue, user = "UAVA", overflow = false) {
  const digest = digestOf();
  const value = encodeFix(fix);
  return bot().interaction({
    type: "block_actions",
    user: { id: user },
    trigger_id: "trigger-1",
    response_url: "http://slack.test/respond/action-1",
    container: { type: "message", channel_id: digest.channel, message_ts: digest.ts, is_ephemeral: false },
    channel: { id: digest.channel },
    message: { ts: digest.ts, text: "digest", blocks: [] },
    actions: [
      overflow
        ? {
            type: "overflow",
            action_id: "nudge_more_fixes",
            selected_option: { text: { type: "plain_text", text: "Set how they heard" }, value },
          }
        : { type: "button", action_id: "nudge_fix", value },
    ],
  });
}

type State = Record<string, Record<string, Record<string, unknown>>>;

function submit(form: Modal, values: State, user = "UAVA") {
  return bot().interaction({
    type: "view_submission",
    user: { id: user },
    view: {
      id: "V1",
      type: "modal",
      callback_id: "nudge_fix_modal",
      private_metadata: form.private_metadata ?? "",
      state: { values },
    },
  });
}

const text = (value: string) => ({ value: { type: "plain_text_input", value } });
const date = (value: string) => ({ value: { type: "datepicker", selected_date: value } });
const url = (value: string) => ({ value: { type: "url_text_input", value } });
const choice = (value: string) => ({ value: { type: "static_select", selected_option: { value } } });
const number = (value: string) => ({ value: { type: "number_input", value } });

function modals(): Modal[] {
  return bot()
    .slack.calls.filter((call) => call.method === "views.open" || call.method === "views.update")
    .map((call) => call.params.view as Modal);
}

async function open(fix: FixValue, user = "UAVA", overflow = false): Promise<Modal> {
  const before = modals().length;
  await click(fix, user, overflow);
  await eventually(() => modals().length === before + 1);
  return modals()[before] as Modal;
}

/** Submits and waits for the modal's result (after the "Saving…" answer). */
async function save(form: Modal, values: State, user = "UAVA"): Promise<{ answer: unknown; result: Modal }> {
  const before = bot().slack.callsOf("views.update").length;
  const response = await submit(form, values, user);
  const answer = await response.json();
  await eventually(() => bot().slack.callsOf("views.update").length === before + 1);
  return { answer, result: bot().slack.callsOf("views.update")[before]?.params.view as Modal };
}

const opp = (recordId: string, kind: FixValue["kind"]): FixValue => ({
  kind,
  recordType: "opportunity",
  recordId,
});
const blockIds = (modal: Modal) =>
  modal.blocks.filter((block) => block.type === "input").map((block) => block.block_id);
const cachedOpp = (id: string) =>
  bot()
    .bot.pipeline.lastRead()
    ?.opportunities.find((candidate) => candidate.id === id);

describe("each fix opens its own modal and writes its fields to Salesforce", () => {
  it("close date: rejects a past date inline, PATCHes CloseDate, updates the nudge and the cache", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "close-date"));
    expect(form.callback_id).toBe("nudge_fix_modal");
    expect(blockIds(form)).toEqual(["close_date"]);
    expect(JSON.stringify(form)).toContain('"initial_date":"2026-03-01"');

    const past = await submit(form, { close_date: date("2026-03-09") });
    expect(await past.json()).toEqual({
      response_action: "errors",
      errors: { close_date: "The close date can't be in the past." },
    });

    const { answer, result } = await save(form, { close_date: date("2026-04-15") });
    expect(JSON.stringify(answer)).toContain("Saving your close date");
    expect(fake?.patches).toEqual([{ id: "006A", body: { CloseDate: "2026-04-15" } }]);
    expect(JSON.stringify(result)).toContain("Saved. Close date: 2026-04-15.");
    await eventually(() => bot().slack.callsOf("views.publish").length === 1);
    expect(cachedOpp("006A")?.closeDate).toBe("2026-04-15");
  });

  it("deck link: only an http(s) address is accepted", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "deck-link"));
    expect(blockIds(form)).toEqual(["deck_url"]);
    const bad = await submit(form, { deck_url: url("javascript:alert(1)") });
    expect(await bad.json()).toEqual({
      response_action: "errors",
      errors: { deck_url: "That is not a web link: it must start with https:// or http://." },
    });
    await save(form, { deck_url: url("https://decks.example.com/northwind") });
    expect(fake?.patches).toEqual([
      { id: "006A", body: { Link_to_Custom_Pitch_Deck__c: "https://decks.example.com/northwind" } },
    ]);
    expect(cachedOpp("006A")?.deckUrl).toBe("https://decks.example.com/northwind");
  });

  it("closed reason: a select of the org's picklist values; a value not in it is refused inline", async () => {
    await startOnSalesforce();
    const form = await open(opp("006W", "closed-reason"));
    const select = form.blocks.find((block) => block.block_id === "closed_reason")?.element as {
      type: string;
      options: { value: string }[];
    };
    expect(select.type).toBe("static_select");
    expect(select.options.map((option) => option.value)).toEqual(CLOSED_REASON_VALUES);
    const bad = await submit(form, { closed_reason: choice("Bad luck") });
    expect(await bad.json()).toEqual({
      response_action: "errors",
      errors: { closed_reason: "Choose one of the listed values." },
    });
    await save(form, { closed_reason: choice("Competitor") });
    expect(fake?.patches).toEqual([{ id: "006W", body: { Closed_Reason__c: "Competitor" } }]);
  });

  it("how they heard, from the overflow beside the primary button", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "how-heard"), "UAVA", true);
    expect(JSON.stringify(form)).toContain(`"value":"${HOW_HEARD_VALUES[1]}"`);
    await save(form, { how_heard: choice("Referral") });
    expect(fake?.patches).toEqual([{ id: "006A", body: { How_Heard__c: "Referral" } }]);
  });

  it("command plan: offers only the empty fields, and writes the ones filled in", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "command-plan"));
    expect(blockIds(form)).toEqual(["why_now", "close_plan"]);
    const none = await submit(form, { why_now: text(""), close_plan: text("") });
    expect(await none.json()).toEqual({
      response_action: "errors",
      errors: { why_now: "Fill in at least one field of the plan." },
    });
    await save(form, {
      why_now: text("Their contract with the old vendor ends in May"),
      close_plan: text(""),
    });
    expect(fake?.patches).toEqual([
      { id: "006A", body: { Why_Now__c: "Their contract with the old vendor ends in May" } },
    ]);
    expect(cachedOpp("006A")?.commandPlan.whyNow).toBe("Their contract with the old vendor ends in May");
  });

  it("rank the account: the tier, and the details its tier needs, in the org's picklist spelling", async () => {
    await startOnSalesforce();
    const form = await open({ kind: "rank-account", recordType: "account", recordId: "001A" });
    expect(blockIds(form)).toEqual(["tier", "potential_users", "tier_notes"]);
    const missing = await submit(form, {
      tier: choice("1"),
      potential_users: number(""),
      tier_notes: text(""),
    });
    expect(await missing.json()).toEqual({
      response_action: "errors",
      errors: { potential_users: "A Tier 1 account needs its potential users." },
    });
    await save(form, { tier: choice("1"), potential_users: number("250"), tier_notes: text("") });
    expect(fake?.patches).toEqual([
      { id: "001A", object: "Account", body: { Tier__c: "Tier 1", Potential_Users__c: 250 } },
    ]);
    const cached = bot()
      .bot.pipeline.lastRead()
      ?.accounts.find((candidate) => candidate.id === "001A");
    expect(cached).toMatchObject({ tier: "1", potentialUsers: 250 });
  });
});

describe("what Salesforce refuses or does not allow", () => {
  it("shows a validation rule's message in the modal and keeps the values typed", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "close-date"));
    if (fake)
      fake.refuseNextPatch = {
        status: 400,
        body: [
          {
            message: "Close date must be within <b>this</b> fiscal year",
            errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
            fields: ["CloseDate"],
          },
        ],
      };
    const { result } = await save(form, { close_date: date("2027-06-30") });
    expect(result.callback_id).toBe("nudge_fix_modal");
    const shown = JSON.stringify(result.blocks);
    expect(shown).toContain(":warning: Close date must be within &lt;b&gt;this&lt;/b&gt; fiscal year");
    expect(shown).toContain('"initial_date":"2027-06-30"');
    expect(shown.indexOf("fiscal year")).toBeGreaterThan(shown.indexOf("close_date"));
    expect(cachedOpp("006A")?.closeDate).toBe("2026-03-01");
    expect(bot().slack.callsOf("chat.update")).toEqual([]);
  });

  it("shows a required field the org asks for at the top of the form", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "deck-link"));
    if (fake)
      fake.refuseNextPatch = {
        status: 400,
        body: [
          {
            message: "Required fields are missing: [Budget__c]",
            errorCode: "REQUIRED_FIELD_MISSING",
            fields: ["Budget__c"],
          },
        ],
      };
    const { result } = await save(form, { deck_url: url("https://decks.example.com/n") });
    const shown = JSON.stringify(result.blocks);
    expect(shown).toContain("Required fields are missing: [Budget__c]");
    expect(shown.indexOf("Required fields")).toBeLessThan(shown.indexOf("deck_url"));
  });

  it("does not offer a field the bot's user may not edit, and says where to change it", async () => {
    await startOnSalesforce({ readOnly: { Opportunity: ["CloseDate", "Next_Step_Date__c"] } });
    const closeDate = await open(opp("006A", "close-date"));
    expect(closeDate.submit).toBeUndefined();
    expect(JSON.stringify(closeDate)).toContain("Opportunity.CloseDate in Salesforce");
    const nextStep = await open(opp("006A", "next-step"));
    expect(blockIds(nextStep)).toEqual(["next_step"]);
    expect(JSON.stringify(nextStep)).toContain("Opportunity.Next_Step_Date__c in Salesforce");
  });
});

describe("a record changed in Salesforce since the digest", () => {
  const cases: [string, (record: Record<string, unknown>) => void, string][] = [
    [
      "closed",
      (record) => Object.assign(record, { IsClosed: true, StageName: "Closed Lost" }),
      "was closed since the digest",
    ],
    [
      "reassigned",
      (record) =>
        Object.assign(record, { Owner: { attributes: { type: "User" }, Email: "ken@example.com" } }),
      "was given to another owner",
    ],
  ];
  for (const [change, edit, says] of cases) {
    it(`${change}: says so and writes nothing`, async () => {
      await startOnSalesforce();
      const form = await open(opp("006A", "close-date"));
      const record = fake?.records.Opportunity.find((candidate) => candidate.Id === "006A");
      if (record) {
        edit(record);
        // Salesforce stamps every change: the bot's re-read of what changed sees it.
        record.SystemModstamp = new Date(Date.now() + 1_000).toISOString();
      }
      const { result } = await save(form, { close_date: date("2026-04-15") });
      expect(JSON.stringify(result)).toContain(says);
      expect(JSON.stringify(result)).toContain("nothing was saved");
      expect(fake?.patches).toEqual([]);
    });
  }

  it("deleted: says so and writes nothing", async () => {
    await startOnSalesforce();
    const form = await open(opp("006A", "close-date"));
    if (fake)
      fake.records.Opportunity = fake.records.Opportunity.filter((candidate) => candidate.Id !== "006A");
    const { result } = await save(form, { close_date: date("2026-04-15") });
    expect(JSON.stringify(result)).toContain("is no longer in the CRM");
    expect(fake?.patches).toEqual([]);
  });
});

describe("who may use a fix", () => {
  it("refuses another rep the modal, showing nothing of the record, and writes nothing for them", async () => {
    await startOnSalesforce();
    const refused = await open(opp("006A", "close-date"), "UKEN");
    expect(refused.callback_id).toBeUndefined();
    expect(JSON.stringify(refused)).toContain("You can update the close date of your own opportunities only");
    expect(JSON.stringify(refused)).not.toContain("Northwind");
    const form = await open(opp("006A", "close-date"));
    const { result } = await save(form, { close_date: date("2026-04-15") }, "UKEN");
    expect(JSON.stringify(result)).toContain("of your own opportunities only");
    expect(fake?.patches).toEqual([]);
  });

  it("never opens a next-step or close-date form for a closed opportunity", async () => {
    await startOnSalesforce();
    for (const kind of ["next-step", "close-date"] as const) {
      const modal = await open(opp("006W", kind));
      expect(modal.submit).toBeUndefined();
      expect(JSON.stringify(modal)).toContain("This opportunity is closed");
    }
  });
});

describe("a read-only CSV source", () => {
  it("keeps the button, and says which column of which file to change instead of saving", async () => {
    harness = await startHarness({ now: NOW, data: DATA });
    await runNudgeCycle(harness.bot.cycle, "now");
    const modal = await open(opp("006A", "close-date"));
    expect(modal.submit).toBeUndefined();
    expect(JSON.stringify(modal)).toContain('the \\"closeDate\\" column of opportunities.csv');
    const ranking = await open({ kind: "rank-account", recordType: "account", recordId: "001A" });
    expect(JSON.stringify(ranking)).toContain('the \\"tier\\" column of accounts.csv');
  });
});

describe("a CRM that takes 5 seconds", () => {
  it("answers the click and the submission at once, and shows the result once the CRM is done", async () => {
    slow = new SlowSource(structuredClone(DATA));
    harness = await startHarness({ now: NOW, source: slow });
    await runNudgeCycle(harness.bot.cycle, "now");
    harness.clock.now = new Date(harness.clock.now.getTime() + 6 * 60_000);
    slow.hold();
    let started = performance.now();
    const clicked = await click(opp("006A", "deck-link"));
    expect(performance.now() - started).toBeLessThan(ACK_BUDGET_MS);
    expect(clicked.status).toBe(200);
    await eventually(() => bot().slack.callsOf("views.open").length === 1);
    expect(JSON.stringify(bot().slack.callsOf("views.open")[0]?.params.view)).toContain(
      "Loading the opportunity",
    );
    slow.release();
    await eventually(() => bot().slack.callsOf("views.update").length === 1);
    const form = bot().slack.callsOf("views.update")[0]?.params.view as Modal;

    slow.hold();
    started = performance.now();
    const response = await submit(form, { deck_url: url("https://decks.example.com/n") });
    expect(performance.now() - started).toBeLessThan(ACK_BUDGET_MS);
    expect(JSON.stringify(await response.json())).toContain("Saving your deck link");
    await eventually(() => slow?.waiting === 1);
    expect(slow.updates).toEqual([]);
    slow.release();
    await eventually(() => bot().slack.callsOf("views.update").length === 2);
    expect(slow.updates).toEqual([
      { recordType: "opportunity", id: "006A", patch: { deckUrl: "https://decks.example.com/n" } },
    ]);
    expect(JSON.stringify(bot().slack.callsOf("views.update")[1]?.params.view)).toContain("Saved.");
  });
});
