import { describe, expect, it } from "vitest";
import { snoozeKey } from "../../src/domain/digest.ts";
import type { RecordFindings } from "../../src/domain/evaluate.ts";
import { isHeldOut } from "../../src/domain/holdout.ts";
import { heldOutToday, holdoutDay, holdoutStart } from "../../src/domain/holdout-window.ts";

const calendar = { workingDays: [1, 2, 3, 4, 5], holidays: false, daysOff: ["2026-03-11"] };

describe("the holdout's working days", () => {
  it("counts the day first seen as day 1, and only working days after it", () => {
    expect(holdoutDay(null, "2026-03-09", "2026-03-09", calendar)).toBe(1); // Monday
    expect(holdoutDay(null, "2026-03-09", "2026-03-10", calendar)).toBe(2);
    expect(holdoutDay(null, "2026-03-09", "2026-03-12", calendar)).toBe(3); // Wednesday is a day off
    expect(holdoutDay(null, "2026-03-09", "2026-03-13", calendar)).toBe(4);
    // First seen on a Saturday: Monday is its first working day.
    expect(holdoutDay(null, "2026-03-07", "2026-03-09", calendar)).toBe(1);
    expect(holdoutDay(null, "2026-03-07", "2026-03-06", calendar)).toBe(0);
  });

  it("leaves out only the held-out arm's findings, until their window ends", () => {
    const findings = Array.from({ length: 40 }, (_, i) => ({
      rule: "source-missing" as const,
      recordId: `006${i}`,
      recordType: "opportunity" as const,
    }));
    const records = findings.map((finding) => ({ findings: [finding] })) as unknown as RecordFindings[];
    const held = findings.filter((f) => isHeldOut({ ...f, openedOn: "2026-03-09" }, 30)).map(snoozeKey);
    expect(held.length).toBeGreaterThan(0);
    const settings = { percent: 30, workingDays: 3 };
    const on = (today: string) =>
      heldOutToday({ rep: null, today, records }, () => "2026-03-09", settings, calendar);
    expect([...on("2026-03-12")].sort()).toEqual([...held].sort());
    expect(on("2026-03-13").size).toBe(0);
    expect(
      heldOutToday({ rep: null, today: "2026-03-09", records }, () => undefined, settings, calendar).size,
    ).toBe(held.length);
    expect(
      heldOutToday(
        { rep: null, today: "2026-03-09", records },
        () => undefined,
        { ...settings, percent: 0 },
        calendar,
      ).size,
    ).toBe(0);
  });

  it("turned off, still leaves out the findings given the held arm until their window ends", () => {
    const records = ["006A", "006B"].map((recordId) => ({
      findings: [{ rule: "source-missing" as const, recordId, recordType: "opportunity" as const }],
    })) as unknown as RecordFindings[];
    const off = { percent: 0, workingDays: 3 };
    const armOf = (_rule: string, recordId: string) =>
      (recordId === "006A" ? "held" : "nudged") as "held" | "nudged";
    const on = (today: string) =>
      heldOutToday({ rep: null, today, records }, () => "2026-03-09", off, calendar, armOf);
    expect([...on("2026-03-12")]).toEqual(["source-missing|006A"]);
    expect(on("2026-03-13").size).toBe(0);
  });

  it("keeps the arm a finding was given when first seen, whatever the share held out is now", () => {
    const findings = Array.from({ length: 40 }, (_, i) => ({
      rule: "source-missing" as const,
      recordId: `006${i}`,
      recordType: "opportunity" as const,
    }));
    const records = findings.map((finding) => ({ findings: [finding] })) as unknown as RecordFindings[];
    const settings = { percent: 30, workingDays: 3 };
    // Given when the holdout held out 10%; now it holds out 30%.
    const weekdays = (_owner: string, from: string, to: string) => holdoutDay(null, from, to, calendar) - 1;
    const given = new Map(
      findings.map((f) => [
        f.recordId,
        holdoutStart(
          { ...f, owner: "ava@example.com", openedOn: "2026-03-09" },
          { ...settings, percent: 10 },
          weekdays,
        ).holdoutArm,
      ]),
    );
    const heldThen = findings.filter((f) => given.get(f.recordId) === "held").map(snoozeKey);
    const heldNow = findings.filter((f) => isHeldOut({ ...f, openedOn: "2026-03-09" }, 30)).map(snoozeKey);
    expect(heldNow.length).toBeGreaterThan(heldThen.length);
    const on = (arm: (recordId: string) => "held" | "nudged" | "off" | undefined) =>
      heldOutToday(
        { rep: null, today: "2026-03-10", records },
        () => "2026-03-09",
        settings,
        calendar,
        (_rule, id) => arm(id),
      );
    expect([...on((id) => given.get(id))].sort()).toEqual([...heldThen].sort());
    // First seen while the holdout was off: never held out.
    expect(on(() => "off").size).toBe(0);
    // The window's end as the report counts it: Monday plus 3 working days, Wednesday off, is Friday.
    expect(
      holdoutStart(
        { rule: "source-missing", recordId: "0060", owner: "ava@example.com", openedOn: "2026-03-09" },
        settings,
        weekdays,
      ).holdoutEndsOn,
    ).toBe("2026-03-13");
  });
});
