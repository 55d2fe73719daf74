// The manager digest's stuck findings: per rep, in the order given, with how many more, every
// section under Slack's 3,000 characters however many reps there are.
import { describe, expect, it } from "vitest";
import type { StuckListing } from "../../src/domain/stuck.ts";
import { teamMessage } from "../../src/messages/team-blocks.ts";

const listing = (name: string, more = 0): StuckListing => ({
  email: `${name.toLowerCase()}@example.com`,
  name,
  findings: Array.from({ length: 10 }, (_, index) => ({
    rule: "next-step-missing" as const,
    recordId: `006${index}`,
    recordName: `${name}'s deal number ${index} with a long enough name to fill a line`,
    nudgedOn: "2026-03-02",
    workingDays: 12 - index,
  })),
  more,
});

const texts = (message: ReturnType<typeof teamMessage>) =>
  message.blocks.flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));

describe("stuck findings in the manager digest", () => {
  it("lists each rep's findings with the rule in words and how many more", () => {
    const all = texts(teamMessage("Your team's week", [], { reps: [listing("Ava", 3)], after: 5 })).join(
      "\n",
    );
    expect(all).toContain("*Stuck after a nudge*: findings still open 5 working days or more");
    expect(all).toContain(
      "• No next step: Ava's deal number 0 with a long enough name to fill a line, stuck for 12 working days",
    );
    expect(all).toContain("and 3 more");
  });

  it("says nothing about stuck findings when there are none", () => {
    expect(JSON.stringify(teamMessage("Your team's week", [], { reps: [], after: 5 }))).not.toContain(
      "Stuck",
    );
  });

  it("keeps every section under 3,000 characters", () => {
    const reps = Array.from({ length: 12 }, (_, index) => listing(`Rep${index}`));
    const sections = texts(teamMessage("Your team's week", [], { reps, after: 5 }));
    expect(sections.length).toBeGreaterThan(2);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3_000);
    expect(sections.join("\n")).toContain("*Rep11*");
  });
});
