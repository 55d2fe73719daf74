import { describe, expect, it } from "vitest";
import { INVALID } from "../../src/sources/csv/cell-parsers.ts";
import { DateEvidence, dateIn, money, yesOrNo } from "../../src/sources/csv/export-parsers.ts";

describe("money as exports write it", () => {
  it.each([
    ["12500", ".", 12500],
    ["12,500.00", ".", 12500],
    ["$12,500.00", ".", 12500],
    ["USD 12,500.00", ".", 12500],
    ["12.500,50 €", ",", 12500.5],
    ["EUR 1 234,00", ",", 1234],
    ["-300", ".", -300],
    ["12.500", ",", 12500],
  ] as const)("reads %s (decimal separator %s)", (text, separator, expected) => {
    expect(money(separator).parse(text)).toBe(expected);
  });
});

describe("dates and booleans as exports write them", () => {
  it.each([
    ["MM/DD/YYYY", "3/28/2026", "2026-03-28"],
    ["MM/DD/YYYY", "02/29/2028", "2028-02-29"],
    ["MM/DD/YYYY", "2/29/2026", INVALID],
    ["MM/DD/YYYY", "28/3/2026", INVALID],
    ["DD/MM/YYYY", "28/3/2026", "2026-03-28"],
    ["DD/MM/YYYY", "28.3.2026", INVALID],
    ["DD.MM.YYYY", "28.03.2026", "2026-03-28"],
    ["DD.MM.YYYY", "2026-03-28", "2026-03-28"],
    ["YYYY-MM-DD", "3/28/2026", INVALID],
  ] as const)("%s reads %s as %s", (format, text, expected) => {
    expect(dateIn(format).parse(text)).toBe(expected);
  });

  it("decides a file's date order only from dates that can be read one way", () => {
    const decide = (...dates: string[]) => {
      const evidence = new DateEvidence();
      for (const date of dates) evidence.add(date);
      return evidence.decide();
    };
    expect(decide("2026-03-01", "")).toBe("YYYY-MM-DD");
    expect(decide("3/4/2026", "3/28/2026")).toBe("MM/DD/YYYY");
    expect(decide("3/4/2026", "28/3/2026")).toBe("DD/MM/YYYY");
    expect(decide("3/4/2026")).toMatchObject({ problem: expect.stringContaining("csv.dateFormat") });
    expect(decide("28/3/2026", "3/28/2026")).toMatchObject({ problem: expect.stringContaining("both") });
    expect(decide("28.03.2026")).toBe("DD.MM.YYYY");
  });

  it.each([
    ["true", true],
    ["FALSE", false],
    ["1", true],
    ["0", false],
    ["Yes", true],
    ["no", false],
    ["maybe", INVALID],
  ] as const)("reads the boolean %s", (text, expected) => {
    expect(yesOrNo.parse(text)).toBe(expected);
  });
});
