import { describe, expect, it } from "vitest";
import { account, findingsOf, opportunity, rulesFor, snapshot, withPlan } from "../helpers/builders.ts";

describe("a clean opportunity", () => {
  it("gets no finding", () => {
    expect(rulesFor({})).toEqual([]);
  });
});

describe("next-step-missing", () => {
  it("fires when the next step or its date is empty, and names which", () => {
    expect(rulesFor({ nextStep: null })).toContain("next-step-missing");
    expect(rulesFor({ nextStep: "   " })).toContain("next-step-missing");
    expect(rulesFor({ nextStepDate: null })).toEqual(["next-step-missing"]);
    const [finding] = findingsOf(
      snapshot({ opportunities: [opportunity({ nextStep: null, nextStepDate: null })] }),
    );
    expect(finding?.facts.missing).toEqual(["Next Step", "Next Step Date"]);
  });
});

describe("next-step-overdue", () => {
  it("fires only when the date is before today", () => {
    expect(rulesFor({ nextStepDate: "2026-03-09" })).toEqual(["next-step-overdue"]);
    expect(rulesFor({ nextStepDate: "2026-03-10" })).toEqual([]);
    expect(rulesFor({ nextStepDate: "2026-03-11" })).toEqual([]);
  });

  it("says how many days ago", () => {
    const [finding] = findingsOf(snapshot({ opportunities: [opportunity({ nextStepDate: "2026-03-01" })] }));
    expect(finding?.facts).toEqual({ date: "2026-03-01", days: 9 });
  });
});

describe("next-step-vague", () => {
  it.each([
    ["Call CFO", true],
    ["Call the CFO", false],
    ["follow up", true],
    ["Follow up.", true],
    ["TBD", true],
    ["n/a", true],
    ["Follow up - TBD - waiting", true],
    ["check in pending none", true],
    ["Follow up with CFO on the 3-year quote", false],
    ["Waiting on legal to return the order form", false],
  ])("%s → vague: %s", (nextStep, vague) => {
    expect(rulesFor({ nextStep }).includes("next-step-vague")).toBe(vague);
  });

  it("leaves an empty next step to next-step-missing", () => {
    expect(rulesFor({ nextStep: null })).not.toContain("next-step-vague");
  });
});

describe("deck-missing", () => {
  it("fires strictly above $5,000 for SMB", () => {
    expect(rulesFor({ amount: 5_000 })).toEqual([]);
    expect(rulesFor({ amount: 5_000.01, commandPlan: withPlan({}) })).toEqual(["deck-missing"]);
    expect(rulesFor({ amount: 5_001, deckUrl: "https://deck" })).toEqual([]);
  });

  it("fires strictly above $10,000 for Mid-Market, judged by the account's segment", () => {
    expect(rulesFor({ amount: 10_000 }, { segment: "MM", employees: 500 })).toEqual([]);
    expect(rulesFor({ amount: 10_001 }, { segment: "MM", employees: 500 })).toEqual(["deck-missing"]);
  });

  it("uses the amount, not the iACV", () => {
    expect(rulesFor({ amount: 4_000, iacv: 9_000 })).toEqual([]);
  });

  it("ignores an opportunity without an amount", () => {
    expect(rulesFor({ amount: null })).toEqual([]);
  });
});

describe("command-plan-overview-missing", () => {
  it("fires above the amount threshold and names the empty whys", () => {
    const opp = opportunity({
      amount: 6_000,
      deckUrl: "https://deck",
      commandPlan: withPlan({ whyNow: null, closePlan: "" }),
    });
    const findings = findingsOf(snapshot({ opportunities: [opp] }));
    expect(findings.map((finding) => finding.rule)).toEqual(["command-plan-overview-missing"]);
    expect(findings[0]?.facts.missing).toEqual(["Why Now", "Close Plan"]);
  });

  it("does not fire at the threshold", () => {
    expect(rulesFor({ amount: 5_000, commandPlan: withPlan({ whyNow: null }) })).toEqual([]);
  });

  it("exempts Channel-Managed opportunities in any case", () => {
    const plan = withPlan({ whyUs: null, competition: null });
    expect(
      rulesFor({
        name: "Acme - channel-MANAGED",
        amount: 50_000,
        iacv: 50_000,
        deckUrl: "x",
        commandPlan: plan,
      }),
    ).toEqual([]);
  });
});

describe("command-plan-incomplete", () => {
  it("fires strictly above $10,000 iACV for SMB", () => {
    const plan = withPlan({ champion: null });
    expect(rulesFor({ amount: 4_000, iacv: 10_000, commandPlan: plan })).toEqual([]);
    expect(rulesFor({ amount: 4_000, iacv: 10_001, commandPlan: plan })).toEqual(["command-plan-incomplete"]);
  });

  it("fires strictly above $20,000 iACV for Mid-Market", () => {
    const plan = withPlan({ metrics: null });
    const mm = { segment: "MM" as const, employees: 300 };
    expect(rulesFor({ amount: 4_000, iacv: 20_000, commandPlan: plan }, mm)).toEqual([]);
    expect(rulesFor({ amount: 4_000, iacv: 20_500, commandPlan: plan }, mm)).toEqual([
      "command-plan-incomplete",
    ]);
  });
});

describe("source-missing", () => {
  it("fires on an open opportunity without How Heard", () => {
    expect(rulesFor({ howHeard: null })).toEqual(["source-missing"]);
  });
});

describe("closed opportunities", () => {
  const closed = {
    isClosed: true,
    stage: "Closed Lost",
    nextStep: null,
    nextStepDate: null,
    lastActivityDate: null,
  };

  it("get only closed-reason-missing, however dirty", () => {
    expect(
      rulesFor({ ...closed, closeDate: "2026-03-01", amount: 90_000, iacv: 90_000, howHeard: null }),
    ).toEqual(["closed-reason-missing"]);
  });

  it("are checked for a reason within the last 30 days, inclusive", () => {
    expect(rulesFor({ ...closed, closeDate: "2026-02-08" })).toEqual(["closed-reason-missing"]);
    expect(rulesFor({ ...closed, closeDate: "2026-02-07" })).toEqual([]);
    expect(rulesFor({ ...closed, closeDate: "2026-03-10" })).toEqual(["closed-reason-missing"]);
    expect(rulesFor({ ...closed, closeDate: "2026-03-01", closedReason: "Lost on price" })).toEqual([]);
  });
});

describe("activity-missing", () => {
  it("fires when the last activity is more than 14 days before today", () => {
    expect(rulesFor({ lastActivityDate: "2026-02-24" })).toEqual([]);
    expect(rulesFor({ lastActivityDate: "2026-02-23" })).toEqual(["activity-missing"]);
  });

  it("fires when no activity was ever logged", () => {
    expect(rulesFor({ lastActivityDate: null })).toEqual(["activity-missing"]);
  });
});

describe("close-date-passed", () => {
  it("fires when the close date is before today", () => {
    expect(rulesFor({ closeDate: "2026-03-09" })).toEqual(["close-date-passed"]);
    expect(rulesFor({ closeDate: "2026-03-10" })).toEqual([]);
  });
});

describe("today in the rep's timezone", () => {
  // 2026-03-10T20:00Z is already Wednesday 11 March in Tokyo (UTC+9), still Tuesday in New York.
  const evening = new Date("2026-03-10T20:00:00Z");
  const tokyo = { ownerEmail: "ken@example.com" };
  const reps = [
    {
      email: "ken@example.com",
      name: "Ken Sato",
      segment: "SMB" as const,
      timezone: "Asia/Tokyo",
      managerEmail: null,
      role: "ae" as const,
      startDate: null,
    },
  ];

  it("makes a date of 10 March overdue for a rep in Tokyo but not in New York", () => {
    const opp = { nextStepDate: "2026-03-10", closeDate: "2026-03-10" };
    expect(rulesFor(opp, {}, evening)).toEqual([]);
    const inTokyo = findingsOf(
      snapshot({ reps, accounts: [account(tokyo)], opportunities: [opportunity({ ...opp, ...tokyo })] }),
      evening,
    );
    expect(inTokyo.map((finding) => finding.rule)).toEqual(["close-date-passed", "next-step-overdue"]);
  });

  it("counts activity days from the local date", () => {
    const opp = opportunity({ ...tokyo, lastActivityDate: "2026-02-24" });
    const findings = findingsOf(
      snapshot({ reps, accounts: [account(tokyo)], opportunities: [opp] }),
      evening,
    );
    expect(findings.map((finding) => [finding.rule, finding.facts.days])).toEqual([["activity-missing", 15]]);
  });
});

describe("calendar arithmetic", () => {
  it("counts days across month ends, leap days and years", async () => {
    const { addDays, daysBetween } = await import("../../src/domain/dates.ts");
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2026-03-10", "2026-02-08")).toBe(-30);
    expect(daysBetween("1999-12-31", "2000-03-01")).toBe(61);
    expect(addDays("2026-03-10", -30)).toBe("2026-02-08");
  });

  it("knows which dates exist", async () => {
    const { isIsoDate } = await import("../../src/domain/dates.ts");
    expect(["2024-02-29", "2000-02-29", "2026-12-31"].map(isIsoDate)).toEqual([true, true, true]);
    expect(["2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-3-1"].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
