// possible-duplicate: which open opportunities on one account look like the same deal, and what the
// owner reads about it.
import { describe, expect, it } from "vitest";
import { comparableName, findDuplicates } from "../../src/domain/duplicates.ts";
import { evaluatePipeline, listFindings } from "../../src/domain/evaluate.ts";
import { explain } from "../../src/domain/messages.ts";
import type { Opportunity } from "../../src/domain/model.ts";
import { ruleLineText } from "../../src/domain/rule-phrases.ts";
import { scorecard } from "../../src/domain/scorecard.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { findingsOf, NOW, opportunity, rep, snapshot } from "../helpers/builders.ts";

describe("the name as compared", () => {
  it.each([
    ["Acme Corp - New Business", "acme corp"],
    ["Acme Corp - Web Direct", "acme corp"],
    ["ACME CORP (web-direct)", "acme corp"],
    ["Acme Corp – Renewal 2026", "acme corp 2026"],
    ["Acme Corp - Add-on Seats", "acme corp seats"],
    ["Acme Corp - Add on", "acme corp"],
    ["Acme  Corp.,  Upgrade!!", "acme corp"],
    ['Initech "Platform" Upgrade', "initech platform"],
    ["Renewal", ""],
    // Only whole words go: "upgrades" and "addon" say something else.
    ["Acme Upgrades", "acme upgrades"],
    ["Acme Addon", "acme addon"],
    ["Web Acme Direct", "web acme direct"],
    ["Zürich Versicherung - Erneuerung", "zürich versicherung erneuerung"],
  ])("%s → %s", (name, expected) => {
    expect(comparableName(name)).toBe(expected);
  });
});

const opp = (id: string, overrides: Partial<Opportunity> = {}) =>
  opportunity({ id, name: `Deal ${id}`, amount: null, ...overrides });
const pairs = (opps: Opportunity[], compareAmounts = true) =>
  [...findDuplicates(opps, { compareAmounts, currency: "USD" })]
    .map(([id, facts]) => `${id}:${facts.of.map((other) => `${other.id}/${other.match}`).join(",")}`)
    .sort();

describe("which opportunities look like the same deal", () => {
  it.each<[string, Opportunity[], string[]]>([
    [
      "the same name once the deal-kind words are dropped",
      [opp("a", { name: "Acme - Renewal" }), opp("b", { name: "ACME (Web Direct)" })],
      ["a:b/name", "b:a/name"],
    ],
    [
      "equal amounts with close dates 30 days apart",
      [
        opp("a", { amount: 5_000, closeDate: "2026-04-01" }),
        opp("b", { amount: 5_000, closeDate: "2026-05-01" }),
      ],
      ["a:b/amount", "b:a/amount"],
    ],
    [
      "not equal amounts 31 days apart",
      [
        opp("a", { amount: 5_000, closeDate: "2026-04-01" }),
        opp("b", { amount: 5_000, closeDate: "2026-05-02" }),
      ],
      [],
    ],
    ["not different amounts", [opp("a", { amount: 5_000 }), opp("b", { amount: 5_100 })], []],
    ["not empty amounts", [opp("a", { amount: null }), opp("b", { amount: null })], []],
    [
      "not the same name on different accounts",
      [opp("a", { name: "Acme" }), opp("b", { name: "Acme", accountId: "001B" })],
      [],
    ],
    [
      "not a closed one",
      [opp("a", { name: "Acme" }), opp("b", { name: "Acme", isClosed: true, isWon: true })],
      [],
    ],
    [
      "not one with no account",
      [opp("a", { name: "Acme", accountId: "" }), opp("b", { name: "Acme", accountId: "" })],
      [],
    ],
    [
      "three of the same name name each other",
      [opp("a", { name: "Acme" }), opp("b", { name: "Acme" }), opp("c", { name: "Acme - Upgrade" })],
      ["a:b/name,c/name", "b:a/name,c/name", "c:a/name,b/name"],
    ],
    [
      "a pair matching on both counts is named once",
      [opp("a", { name: "Acme", amount: 900 }), opp("b", { name: "Acme", amount: 900 })],
      ["a:b/name", "b:a/name"],
    ],
    [
      "amounts in different currencies are not equal",
      [opp("a", { amount: 900, currency: "EUR" }), opp("b", { amount: 900 })],
      [],
    ],
  ])("%s", (_, opps, expected) => {
    expect(pairs(opps)).toEqual(expected);
  });

  it("compares names only when the source has no amount", () => {
    const opps = [
      opp("a", { name: "Acme", amount: 5_000 }),
      opp("b", { name: "Acme - Renewal", amount: 7_000 }),
      opp("c", { amount: 5_000 }),
    ];
    expect(pairs(opps, false)).toEqual(["a:b/name", "b:a/name"]);
    expect(pairs(opps, true)).toEqual(["a:b/name,c/amount", "b:a/name", "c:a/amount"]);
  });

  it("names three of many and counts the rest", () => {
    const many = Array.from({ length: 6 }, (_, index) => opp(`o${index}`, { name: "Acme" }));
    const facts = findDuplicates(many, { compareAmounts: true, currency: "USD" }).get("o0");
    expect(facts?.of).toHaveLength(3);
    expect(facts?.count).toBe(5);
  });

  it("stays linear on 100,000 opportunities, with a busy account among them", () => {
    const opps: Opportunity[] = [];
    for (let index = 0; index < 95_000; index += 1)
      opps.push(
        opp(`o${index}`, {
          accountId: `acc${index % 20_000}`,
          name: `Deal ${index % 7}`,
          amount: 1_000 + (index % 13) * 100,
          closeDate: `2026-0${4 + (index % 5)}-1${index % 10}`,
        }),
      );
    // 5,000 web-direct purchases of one amount on one account: half by one name, half by another.
    for (let index = 0; index < 5_000; index += 1)
      opps.push(
        opp(`busy${index}`, { accountId: "busy", name: `Acme - Web Direct ${index % 2}`, amount: 1_000 }),
      );
    const started = performance.now();
    const found = findDuplicates(opps, { compareAmounts: true, currency: "USD" });
    // Comparing every pair would be 5 billion comparisons: minutes, not this.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found.get("busy0")).toMatchObject({ count: 4_999, of: [{}, {}, {}] });
    expect(found.has("o0")).toBe(false);
  });
});

describe("the possible-duplicate finding", () => {
  const data = snapshot({
    reps: [rep(), rep({ email: "ben@example.com", name: "Ben Ode" })],
    opportunities: [
      opportunity({ id: "006A", name: "Northwind <Logistics> - Renewal", closeDate: "2026-04-30" }),
      opportunity({ id: "006B", name: "Northwind <Logistics> (Web Direct)", ownerEmail: "ben@example.com" }),
      opportunity({ id: "006C", name: "Northwind - Premium", amount: 7_500, closeDate: "2026-05-10" }),
      opportunity({ id: "006D", name: "Northwind - Seats", amount: 7_500, closeDate: "2026-05-20" }),
    ],
  });
  const duplicates = findingsOf(data).filter((finding) => finding.rule === "possible-duplicate");

  it("goes to each one's owner, naming the other and what they share", () => {
    expect(duplicates.map((finding) => [finding.recordId, finding.owner]).sort()).toEqual([
      ["006A", "ava@example.com"],
      ["006B", "ben@example.com"],
      ["006C", "ava@example.com"],
      ["006D", "ava@example.com"],
    ]);
    const byId = new Map(duplicates.map((finding) => [finding.recordId, explain(finding)]));
    expect(byId.get("006A")).toEqual({
      problem: "Possibly a duplicate of “Northwind <Logistics> (Web Direct)” (same name, closes 2026-04-30).",
      action:
        "Check the opportunities under the account and close the duplicate, so the pipeline counts the deal once.",
    });
    expect(byId.get("006C")?.problem).toBe(
      "Possibly a duplicate of “Northwind - Seats” (same amount, $7,500, closes 2026-05-20).",
    );
  });

  it("lists more than one other, and counts what it does not name", () => {
    const [finding] = duplicates;
    if (!finding) throw new Error("no finding");
    const three = {
      ...finding,
      facts: {
        duplicates: {
          of: [
            {
              id: "x",
              name: "X",
              closeDate: "2026-04-01",
              match: "name" as const,
              amount: null,
              currency: "USD",
            },
            {
              id: "y",
              name: "Y",
              closeDate: "2026-04-02",
              match: "amount" as const,
              amount: 900,
              currency: "EUR",
            },
          ],
          count: 4,
        },
      },
    };
    expect(explain(three).problem).toBe(
      "Possibly a duplicate of “X” (same name, closes 2026-04-01), “Y” (same amount, €900, closes 2026-04-02) and 2 more.",
    );
  });

  it("counts against skill 7 on the scorecard, once per record", () => {
    const evaluation = evaluatePipeline(data, {
      now: NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    const ava = evaluation.owners.get("ava@example.com");
    const upToDate = scorecard(ava?.coverage ?? ({} as never)).skills.find((s) => s.skill === "up-to-date");
    expect(upToDate).toMatchObject({ applicable: 3, clean: 0 });
  });

  it("is off by rules.disabled", () => {
    const settings = { ...DEFAULT_RULE_SETTINGS, disabledRules: ["possible-duplicate" as const] };
    const evaluation = evaluatePipeline(data, { now: NOW, settings, defaultTimezone: "UTC" });
    expect(listFindings(evaluation).map((finding) => finding.rule)).not.toContain("possible-duplicate");
  });

  it("reads in a digest's rule line", () => {
    const phrase = { thresholds: DEFAULT_RULE_SETTINGS.segments.SMB, closedReasonDays: 30, currency: "USD" };
    expect(ruleLineText("possible-duplicate", 2, phrase)).toBe(
      "2 more opportunities may duplicate another on the same account",
    );
    expect(ruleLineText("possible-duplicate", 1, phrase, false)).toBe(
      "1 opportunity may duplicate another on the same account",
    );
  });

  it("is the first finding of its record, so closing the duplicate comes before working it", () => {
    const closeDatePassed = snapshot({
      opportunities: [
        opportunity({ id: "006A", name: "Acme", closeDate: "2026-03-01" }),
        opportunity({ id: "006B", name: "Acme" }),
      ],
    });
    const first = findingsOf(closeDatePassed).find((finding) => finding.recordId === "006A");
    expect(first?.rule).toBe("possible-duplicate");
  });
});
