import { describe, expect, it } from "vitest";
import type { CalendarSettings } from "../../src/domain/calendar.ts";
import type { RuleId } from "../../src/domain/findings.ts";
import { type OpenFinding, type StuckRepInput, stuckFindings } from "../../src/domain/stuck.ts";

const WEEKDAYS: CalendarSettings = { workingDays: [1, 2, 3, 4, 5], holidays: true, daysOff: [] };

const open = (nudgedOn: string | null, over: Partial<OpenFinding> = {}): OpenFinding => ({
  rule: "source-missing",
  recordId: "006A",
  owner: "ava@example.com",
  nudgedOn,
  ...over,
});

const ava = (today: string, over: Partial<StuckRepInput> = {}): StuckRepInput => ({
  email: "ava@example.com",
  rep: { country: "US" },
  today,
  ...over,
});

/** The working days a finding nudged on `nudgedOn` has been stuck by `today`, or null when not stuck. */
function stuckFor(nudgedOn: string | null, today: string, over: Partial<StuckRepInput> = {}, after = 1) {
  const [rep] = stuckFindings({
    open: [open(nudgedOn)],
    reps: [ava(today, over)],
    settings: WEEKDAYS,
    after,
  });
  return rep?.findings[0]?.workingDays ?? null;
}

describe("how long a finding has been stuck", () => {
  it.each([
    // nudged, today, working days: the nudge day counts as 0
    ["2026-03-09", "2026-03-09", null], // Monday, same day
    ["2026-03-09", "2026-03-10", 1],
    ["2026-03-09", "2026-03-16", 5], // Monday to the next Monday
    ["2026-03-13", "2026-03-16", 1], // Friday to Monday: the weekend does not count
    ["2026-03-13", "2026-03-15", null], // Friday to Sunday
    ["2026-11-25", "2026-11-30", 2], // Thanksgiving and the weekend do not count (US)
  ])("nudged %s, on %s: %s", (nudgedOn, today, days) => {
    expect(stuckFor(nudgedOn, today)).toBe(days);
  });

  it("counts the rep's own working days, company days off and a pause", () => {
    expect(stuckFor("2026-03-09", "2026-03-16", { rep: { workingDays: [1, 2, 3, 4] } })).toBe(4);
    const [rep] = stuckFindings({
      open: [open("2026-03-09")],
      reps: [ava("2026-03-16")],
      settings: { ...WEEKDAYS, daysOff: ["2026-03-11"] },
      after: 1,
    });
    expect(rep?.findings[0]?.workingDays).toBe(4);
    expect(stuckFor("2026-03-09", "2026-03-16", { pause: { from: "2026-03-10", until: "2026-03-12" } })).toBe(
      2,
    );
    // A pause before the nudge takes nothing away.
    expect(stuckFor("2026-03-09", "2026-03-16", { pause: { from: "2026-03-02", until: "2026-03-06" } })).toBe(
      5,
    );
  });

  it("never counts a finding that was never nudged", () => {
    expect(stuckFor(null, "2026-06-01")).toBeNull();
  });

  it("lists only findings stuck for at least the configured working days", () => {
    const found = stuckFindings({
      open: [open("2026-03-09"), open("2026-03-10", { recordId: "006B" })],
      reps: [ava("2026-03-16")],
      settings: WEEKDAYS,
      after: 5,
    });
    expect(found[0]?.findings.map((f) => [f.recordId, f.workingDays])).toEqual([["006A", 5]]);
  });

  it("leaves out reps not asked about and reps with nothing stuck", () => {
    const found = stuckFindings({
      open: [open("2026-03-09", { owner: "cy@example.com" }), open("2026-03-15")],
      reps: [ava("2026-03-16"), { ...ava("2026-03-16"), email: "ken@example.com" }],
      settings: WEEKDAYS,
      after: 1,
    });
    expect(found).toEqual([
      {
        email: "ava@example.com",
        findings: [{ rule: "source-missing", recordId: "006A", nudgedOn: "2026-03-15", workingDays: 1 }],
        more: 0,
      },
    ]);
  });
});

describe("which stuck findings are listed", () => {
  it("puts the worst first, then the handbook's order of records, then the rules' order, and counts the rest", () => {
    const records = ["006C", "006A", "006B"]; // the handbook's working order
    const findings: OpenFinding[] = [
      open("2026-03-02", { recordId: "006A", rule: "source-missing" }),
      open("2026-03-02", { recordId: "006A", rule: "next-step-missing" }),
      open("2026-03-02", { recordId: "006C", rule: "deck-missing" }),
      open("2026-02-23", { recordId: "006B", rule: "deck-missing" }),
    ];
    for (let day = 10; day <= 20; day++)
      findings.push(open(`2026-03-${day}`, { recordId: `006X${day}`, rule: "activity-missing" as RuleId }));
    const [rep] = stuckFindings({
      open: findings,
      reps: [ava("2026-03-23", { order: (id) => (records.includes(id) ? records.indexOf(id) : 99) })],
      settings: WEEKDAYS,
      after: 1,
    });
    expect(rep?.findings.slice(0, 4).map((f) => `${f.recordId} ${f.rule} ${f.workingDays}`)).toEqual([
      "006B deck-missing 20",
      "006C deck-missing 15",
      "006A next-step-missing 15",
      "006A source-missing 15",
    ]);
    expect(rep?.findings).toHaveLength(10);
    // 4 + 11 nudged from 10 to 20 March, all stuck by Monday 23 March: 10 listed, 5 more.
    expect(rep?.more).toBe(5);
  });
});
