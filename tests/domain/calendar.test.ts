import { describe, expect, it } from "vitest";
import {
  type CalendarSettings,
  dayOffReason,
  isWorkingDay,
  nextWorkingDay,
  parseWorkingDays,
  workingDaysBetween,
} from "../../src/domain/calendar.ts";
import { parseCountry } from "../../src/domain/public-holidays.ts";
import { rep } from "../helpers/builders.ts";

const WEEKDAYS: CalendarSettings = { workingDays: [1, 2, 3, 4, 5], holidays: true, daysOff: [] };

describe("public holidays", () => {
  it("US reps are off on Thanksgiving, Christmas Day and Independence Day (observed)", () => {
    const us = rep({ country: "US" });
    expect(dayOffReason(us, "2026-11-26", WEEKDAYS)).toEqual({
      kind: "public-holiday",
      name: "Thanksgiving Day",
    });
    expect(isWorkingDay(us, "2026-12-25", WEEKDAYS)).toBe(false);
    expect(isWorkingDay(us, "2026-07-03", WEEKDAYS)).toBe(false); // Friday before the Saturday 4th
    expect(isWorkingDay(us, "2026-11-25", WEEKDAYS)).toBe(true);
  });

  it("UK reps are off on Boxing Day's substitute Monday, US reps are not", () => {
    expect(dayOffReason(rep({ country: "GB" }), "2026-12-28", WEEKDAYS)?.kind).toBe("public-holiday");
    expect(isWorkingDay(rep({ country: "US" }), "2026-12-28", WEEKDAYS)).toBe(true);
    // 2025: Boxing Day is a Friday.
    expect(isWorkingDay(rep({ country: "gb" }), "2025-12-26", WEEKDAYS)).toBe(false);
  });

  it("Japanese reps are off through Golden Week and back on the Thursday", () => {
    const jp = rep({ country: "JP", timezone: "Asia/Tokyo" });
    for (const date of ["2026-04-29", "2026-05-04", "2026-05-05", "2026-05-06"]) {
      expect(isWorkingDay(jp, date, WEEKDAYS), date).toBe(false);
    }
    expect(isWorkingDay(jp, "2026-04-30", WEEKDAYS)).toBe(true);
    expect(nextWorkingDay(jp, "2026-05-01", WEEKDAYS)).toBe("2026-05-07");
  });

  it("a state holiday applies to that state's reps only", () => {
    // César Chávez Day: California, not federal.
    expect(dayOffReason(rep({ country: "US-CA" }), "2026-03-31", WEEKDAYS)).toEqual({
      kind: "public-holiday",
      name: "César Chávez Day",
    });
    expect(isWorkingDay(rep({ country: "US" }), "2026-03-31", WEEKDAYS)).toBe(true);
    expect(isWorkingDay(rep({ country: "US-NY" }), "2026-03-31", WEEKDAYS)).toBe(true);
    // A state keeps the country's holidays.
    expect(isWorkingDay(rep({ country: "US-CA" }), "2026-11-26", WEEKDAYS)).toBe(false);
  });

  it("holidays: false, or a rep with no country, works on public holidays", () => {
    expect(isWorkingDay(rep({ country: "US" }), "2026-11-26", { ...WEEKDAYS, holidays: false })).toBe(true);
    expect(isWorkingDay(rep(), "2026-11-26", WEEKDAYS)).toBe(true);
  });
});

describe("working days, company days off and pauses", () => {
  it("a part-timer's own days override the configured ones", () => {
    const partTime = rep({ workingDays: [1, 2, 3, 4] });
    expect(dayOffReason(partTime, "2026-03-13", WEEKDAYS)).toEqual({ kind: "not-working-day" }); // Friday
    expect(isWorkingDay(partTime, "2026-03-12", WEEKDAYS)).toBe(true);
    expect(nextWorkingDay(partTime, "2026-03-12", WEEKDAYS)).toBe("2026-03-16");
    expect(isWorkingDay(rep(), "2026-03-13", WEEKDAYS)).toBe(true);
  });

  it("a company day off is off for everyone", () => {
    const settings = { ...WEEKDAYS, daysOff: ["2026-12-24"] };
    expect(dayOffReason(rep(), "2026-12-24", settings)).toEqual({ kind: "company-day-off" });
  });

  it("a pause holds through its last day, then the next working day is back", () => {
    const pause = { until: "2026-03-13" };
    expect(dayOffReason(rep(), "2026-03-13", WEEKDAYS, pause)).toEqual({
      kind: "paused",
      until: "2026-03-13",
    });
    expect(nextWorkingDay(rep(), "2026-03-10", WEEKDAYS, pause)).toBe("2026-03-16");
  });

  it("counts working days between two dates, skipping weekends and holidays", () => {
    const us = rep({ country: "US" });
    expect(workingDaysBetween(us, "2026-03-13", "2026-03-16", WEEKDAYS)).toBe(1); // Fri → Mon
    expect(workingDaysBetween(us, "2026-11-25", "2026-11-30", WEEKDAYS)).toBe(2); // Thanksgiving off
    expect(workingDaysBetween(rep({ country: "US-CA" }), "2026-11-25", "2026-11-30", WEEKDAYS)).toBe(1); // and the Friday
    expect(workingDaysBetween(rep(), "2026-11-25", "2026-11-30", WEEKDAYS)).toBe(3);
    expect(workingDaysBetween(us, "2026-03-16", "2026-03-13", WEEKDAYS)).toBe(0);
  });

  it("a rep with no working day at all has no next one", () => {
    expect(nextWorkingDay(rep(), "2026-03-10", { ...WEEKDAYS, workingDays: [] })).toBeNull();
  });
});

describe("reading reps.csv cells", () => {
  it.each([
    ["Mon-Thu", [1, 2, 3, 4]],
    ["Mon,Wed,Fri", [1, 3, 5]],
    ["tue - thu", [2, 3, 4]],
    ["Mon-Fri-Sat", null],
    ["Tue-Thu, Sat", [2, 3, 4, 6]],
    ["Monday,Friday", [1, 5]],
    ["Sat-Mon", [0, 1, 6]],
  ])("%s", (text, days) => {
    const parsed = parseWorkingDays(text);
    if (days === null) expect(parsed).toHaveProperty("error");
    else expect(parsed).toEqual({ days });
  });

  it("says what is wrong with a bad cell", () => {
    expect(parseWorkingDays("Mon-Funday")).toEqual({
      error: '"Mon-Funday" is not a day or a range of days (expected e.g. Mon-Thu or Mon,Wed,Fri)',
    });
    expect(parseWorkingDays("  ")).toHaveProperty("error");
  });

  it("accepts countries and regions the holiday rules know", () => {
    expect(parseCountry(" us-ca ")).toEqual({ country: "US-CA" });
    expect(parseCountry("JP")).toEqual({ country: "JP" });
    expect(parseCountry("XX")).toHaveProperty("error");
    expect(parseCountry("US-ZZ")).toHaveProperty("error");
  });
});
