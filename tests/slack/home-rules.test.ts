import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import type { PipelineSource } from "../../src/sources/source.ts";
import { eventually, type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";

const NOW = "2026-03-10T15:00:00Z";
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

/** TEAM from a CRM that has no deck field. */
const noDeckField: PipelineSource = {
  name: "crm",
  load: async () => ({
    snapshot: TEAM,
    issues: [],
    available: {
      fields: new Set(
        [
          "nextStep",
          "nextStepDate",
          "amount",
          "iacv",
          "howHeard",
          "closedReason",
          "lastActivityDate",
          "closeDate",
          "whyNow",
          "accountId",
        ]
          .map((field) => `opportunity.${field}`)
          .concat([
            "account.tier",
            "account.tierNotes",
            "account.potentialUsers",
            "account.segment",
            "account.employees",
          ]),
      ),
      hint: (field) => `map salesforce.fieldMap.${field}`,
    },
  }),
};

describe("App Home for admins", () => {
  it("lists the rules that are off and what turns each on; reps do not see it", async () => {
    harness = await startHarness({ now: NOW, source: noDeckField });
    await harness.event({ type: "app_home_opened", user: "UOPS", channel: "DOPS", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 1);
    const admin = JSON.stringify(harness.slack.callsOf("views.publish")[0]?.params.view);
    expect(admin).toContain("13 of 14 rules on.");
    expect(admin).toContain(
      "• *No custom deck* off: no field for opportunity.deckUrl: map salesforce.fieldMap.opportunity.deckUrl",
    );

    await harness.event({ type: "app_home_opened", user: "UAVA", channel: "DAVA", tab: "home" });
    await eventually(() => harness.slack.callsOf("views.publish").length === 2);
    const rep = JSON.stringify(harness.slack.callsOf("views.publish")[1]?.params.view);
    expect(rep).not.toContain("rules on");
  });
});

describe("the running bot's log", () => {
  it("says once which rules are on and off, with the reasons", async () => {
    harness = await startHarness({ now: NOW, source: noDeckField });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(JSON.parse(line)) });
    await runNudgeCycle({ ...harness.bot.cycle, logger }, "due");
    harness.clock.now = new Date(Date.parse(NOW) + 60_000);
    await runNudgeCycle({ ...harness.bot.cycle, logger }, "due");
    const tables = lines.filter((line) => line.msg === "13 of 14 rules on");
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rules).toContain(
      "deck-missing                   off  no field for opportunity.deckUrl: map salesforce.fieldMap.opportunity.deckUrl",
    );
  });
});
