// Which fields each fix writes and what a value must be before it is sent to the CRM.
import { describe, expect, it } from "vitest";
import { applyPatch, fieldsOfFix, fixField, toPatch } from "../../src/domain/fix-fields.ts";
import { type FixCheck, validateFix } from "../../src/domain/fix-validation.ts";
import { account, opportunity, withPlan } from "../helpers/builders.ts";

const CHECK: FixCheck = {
  today: "2026-03-10",
  isVague: (text) => text.trim().split(/\s+/).length < 3,
  choices: { closedReason: ["Price", "Timing"], tier: ["1", "1.5", "2", "3"] },
  tierDetails: true,
};

describe("the fields of each fix", () => {
  const opp = opportunity({ commandPlan: withPlan({ whyNow: null, champion: null }) });
  it.each([
    ["next-step", false, ["nextStep", "nextStepDate"]],
    ["close-date", false, ["closeDate"]],
    ["deck-link", false, ["deckUrl"]],
    ["closed-reason", false, ["closedReason"]],
    ["how-heard", false, ["howHeard"]],
    ["command-plan", false, ["whyNow"]],
    ["command-plan", true, ["whyNow", "champion"]],
    ["open-in-crm", false, []],
  ] as const)("%s (full plan: %s) writes %j", (kind, fullPlan, names) => {
    expect(
      fieldsOfFix(kind, { recordType: "opportunity", record: opp }, fullPlan).map((f) => f.name),
    ).toEqual(names);
  });

  it("ranks an account by its tier and both of the details a tier may need", () => {
    const fields = fieldsOfFix("rank-account", { recordType: "account", record: account() });
    expect(fields.map((field) => field.name)).toEqual(["tier", "potentialUsers", "tierNotes"]);
  });
});

describe("checking what was typed", () => {
  const one = (name: Parameters<typeof fixField>[0], value: string) =>
    validateFix([fixField(name)], { [name]: value }, CHECK)[name] ?? null;

  it.each([
    ["nextStep", "", "Write the next step."],
    ["nextStep", "follow up", "Too vague to act on: say what you will do, with whom."],
    ["nextStep", "Send the quote to Dana", null],
    ["nextStepDate", "2026-03-09", "The next step date can't be in the past."],
    ["closeDate", "2026-03-09", "The close date can't be in the past."],
    ["closeDate", "2026-03-10", null],
    ["closeDate", "soon", "Pick the close date."],
    [
      "deckUrl",
      "ftp://decks.example.com/a",
      "That is not a web link: it must start with https:// or http://.",
    ],
    ["deckUrl", "decks.example.com/a", "That is not a web link: it must start with https:// or http://."],
    ["deckUrl", "https://decks.example.com/a", null],
    ["closedReason", "Bad luck", "Choose one of the listed values."],
    ["closedReason", "Price", null],
    ["howHeard", "Anything, no picklist", null],
    ["potentialUsers", "-3", "A whole number, 0 or more."],
    ["potentialUsers", "2.5", "A whole number, 0 or more."],
  ] as const)("%s = %j → %j", (name, value, message) => {
    expect(one(name, value)).toBe(message);
  });

  it("asks for at least one field of a command plan", () => {
    const fields = [fixField("whyNow"), fixField("champion")];
    expect(validateFix(fields, { whyNow: " ", champion: "" }, CHECK)).toEqual({
      whyNow: "Fill in at least one field of the plan.",
    });
    expect(validateFix(fields, { whyNow: "Renewal in May", champion: "" }, CHECK)).toEqual({});
  });

  it("asks an SMB account's tier for its details, and no one else's", () => {
    const fields = fieldsOfFix("rank-account", { recordType: "account", record: account() });
    expect(validateFix(fields, { tier: "1.5" }, CHECK)).toEqual({
      potentialUsers: "A Tier 1.5 account needs its potential users.",
    });
    expect(validateFix(fields, { tier: "3" }, CHECK)).toEqual({
      tierNotes: "A Tier 3 account needs notes on why it is Tier 3.",
    });
    expect(validateFix(fields, { tier: "3" }, { ...CHECK, tierDetails: false })).toEqual({});
  });
});

describe("what is written", () => {
  it("trims values, leaves out empty optional ones, and reads numbers as numbers", () => {
    const fields = fieldsOfFix("rank-account", { recordType: "account", record: account() });
    expect(toPatch(fields, { tier: "1", potentialUsers: " 250 ", tierNotes: "" })).toEqual({
      tier: "1",
      potentialUsers: 250,
    });
  });

  it("applies a command plan field inside the plan, and other fields on the record", () => {
    const opp = opportunity({ commandPlan: withPlan({ whyNow: null }) });
    const patched = applyPatch(opp, { whyNow: "Renewal in May", closeDate: "2026-04-30" });
    expect(patched.commandPlan.whyNow).toBe("Renewal in May");
    expect(patched.closeDate).toBe("2026-04-30");
    expect(opp.commandPlan.whyNow).toBeNull();
  });
});
