import { describe, expect, it } from "vitest";
import { formatScore, scorecard } from "../../src/domain/scorecard.ts";
import { account, avaEvaluation, opportunity, snapshot } from "../helpers/builders.ts";

function scoreOf(data: ReturnType<typeof snapshot>) {
  return scorecard(avaEvaluation(data).coverage);
}

describe("the Required 7 scorecard", () => {
  it("scores each skill as the share of applicable records with no finding", () => {
    const card = scoreOf(
      snapshot({
        accounts: [account({ id: "a1" }), account({ id: "a2", tier: null })],
        opportunities: [
          // Four deals on one account, told apart by name and amount (or they would look like duplicates).
          opportunity({ id: "o1", name: "Northwind - Platform", amount: 4_000 }),
          opportunity({ id: "o2", name: "Northwind - Seats", amount: 3_000, nextStep: "tbd" }),
          opportunity({
            id: "o3",
            name: "Northwind - Security",
            amount: 2_000,
            nextStepDate: null,
            nextStep: null,
          }),
          opportunity({ id: "o4", name: "Northwind - Training", amount: 1_000 }),
        ],
      }),
    );
    const bySkill = Object.fromEntries(card.skills.map((skill) => [skill.skill, skill]));
    expect(bySkill["next-steps"]).toMatchObject({ applicable: 4, clean: 2, score: 0.5 });
    expect(bySkill["account-ranking"]).toMatchObject({ applicable: 2, clean: 1, score: 0.5 });
    expect(bySkill["call-notes"]).toMatchObject({ applicable: 4, clean: 4, score: 1 });
    // No opportunity above $5,000: the custom deck skill does not apply and stays out of the mean.
    expect(bySkill["custom-deck"]).toMatchObject({ applicable: 0, score: null });
    expect(bySkill["command-plan"]?.score).toBeNull();
    // Applicable: ranking 0.5, key info 1, call notes 1, next steps 0.5, up to date 1 → 4 / 5.
    expect(card.overall).toBeCloseTo(0.8);
    expect(formatScore(card.overall)).toBe("80%");
  });

  it("counts a record once per skill even when two of its rules fire", () => {
    const card = scoreOf(
      snapshot({
        opportunities: [
          opportunity({ nextStep: "tbd", nextStepDate: "2026-03-01" }),
          opportunity({ id: "o2" }),
        ],
      }),
    );
    expect(card.skills.find((skill) => skill.skill === "next-steps")).toMatchObject({
      applicable: 2,
      clean: 1,
    });
  });

  it("has no overall score for a rep with no records", () => {
    expect(scoreOf(snapshot({ accounts: [] })).overall).toBeNull();
    expect(formatScore(null)).toBe("n/a");
  });

  it("never rounds a near-perfect score up to 100%", () => {
    expect(formatScore(0.996)).toBe("99%");
    expect(formatScore(1)).toBe("100%");
  });
});
