// Proof by holdout: the stable draw of an episode into the held-out arm, Wilson and Newcombe
// intervals against the published examples, and the per-rule verdict.
import { describe, expect, it } from "vitest";
import {
  fnv1a32,
  holdoutJson,
  holdoutKey,
  holdoutVerdict,
  isHeldOut,
  newcombeInterval,
  wilsonInterval,
} from "../../src/domain/holdout.ts";

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

describe("the episode hash", () => {
  it.each([
    // FNV-1a 32-bit test vectors from the algorithm's authors.
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
    // Non-ASCII is hashed as UTF-8 bytes.
    ["é", 0x1e9de8c1],
    ["possible-duplicate|0060001251|2026-03-10", 0x97872ec9],
  ])("%j → %i", (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });

  it("keys an episode by rule, record and start", () => {
    expect(
      holdoutKey({
        rule: "possible-duplicate",
        recordId: "0060001251",
        openedOn: "2026-03-10",
      }),
    ).toBe("possible-duplicate|0060001251|2026-03-10");
  });
});

describe("which episodes are held out", () => {
  const episode = (index: number) => ({
    rule: "activity-missing" as const,
    recordId: `006${String(index).padStart(7, "0")}`,
    openedOn: "2026-03-10",
  });

  it.each([5, 20, 33.3, 50])("holds out %s%% of 100,000 episodes, within a point", (percent) => {
    let held = 0;
    for (let index = 0; index < 100_000; index += 1) if (isHeldOut(episode(index), percent)) held += 1;
    expect(Math.abs(held / 1_000 - percent)).toBeLessThan(1);
  });

  it("always puts the same episode in the same arm, and draws a new episode afresh", () => {
    // Fixed expectations: any change to the hash or the key would move episodes between arms.
    const arms = Array.from({ length: 40 }, (_, index) => Number(isHeldOut(episode(index), 20))).join("");
    expect(arms).toBe("0000100010000000010011000000110000000000");
    const again = { ...episode(3), openedOn: "2026-04-01" };
    expect(fnv1a32(holdoutKey(again))).not.toBe(fnv1a32(holdoutKey(episode(3))));
  });

  it("holds nothing out at 0 and everything at 100", () => {
    for (let index = 0; index < 1_000; index += 1) {
      expect(isHeldOut(episode(index), 0)).toBe(false);
      expect(isHeldOut(episode(index), 100)).toBe(true);
    }
  });

  it("holds out at a lower percent only episodes it holds out at a higher one", () => {
    for (let index = 0; index < 1_000; index += 1)
      if (isHeldOut(episode(index), 10)) expect(isHeldOut(episode(index), 30)).toBe(true);
  });
});

describe("Wilson's interval for one proportion", () => {
  // Newcombe 1998, "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857–872, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → %f to %f", (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect([round4(interval.low), round4(interval.high)]).toEqual([low, high]);
  });

  it("reaches exactly 0 and 1 at the edges, never beyond", () => {
    expect(wilsonInterval(0, 1).low).toBe(0);
    expect(wilsonInterval(5, 5).high).toBe(1);
    expect(wilsonInterval(5, 5).low).toBeGreaterThan(0);
  });

  it("refuses counts that are not a proportion", () => {
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe("Newcombe's hybrid score interval for a difference", () => {
  // Newcombe 1998, Statistics in Medicine 17:873–890, Table II, method 10: examples (a) to (h).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%i/%i − %i/%i → %f to %f", (a, m, b, n, low, high) => {
    const interval = newcombeInterval({ successes: a, trials: m }, { successes: b, trials: n });
    expect([round4(interval.low), round4(interval.high)]).toEqual([low, high]);
  });

  it("mirrors when the arms swap, and always holds the observed difference", () => {
    for (const [a, m, b, n] of [
      [1, 3, 2, 3],
      [0, 1, 1, 1],
      [17, 40, 9, 35],
    ] as const) {
      const forward = newcombeInterval({ successes: a, trials: m }, { successes: b, trials: n });
      const back = newcombeInterval({ successes: b, trials: n }, { successes: a, trials: m });
      expect(back.low).toBeCloseTo(-forward.high, 12);
      expect(back.high).toBeCloseTo(-forward.low, 12);
      expect(forward.low).toBeLessThanOrEqual(forward.difference);
      expect(forward.high).toBeGreaterThanOrEqual(forward.difference);
      expect(forward.low).toBeGreaterThanOrEqual(-1);
      expect(forward.high).toBeLessThanOrEqual(1);
    }
  });
});

describe("a rule's holdout verdict", () => {
  it("gives the uplift in percentage points with its interval, proven when the interval is above 0", () => {
    const verdict = holdoutVerdict({ n: 70, fixed: 56 }, { n: 80, fixed: 48 });
    expect(verdict).toEqual({
      status: "measured",
      result: {
        nudged: { n: 70, fixed: 56 },
        held: { n: 80, fixed: 48 },
        uplift: 20,
        ciLow: 5.2,
        ciHigh: 33.4,
        proven: true,
      },
    });
    expect(holdoutJson(verdict)).toEqual(verdict.status === "measured" ? verdict.result : null);
  });

  // The intervals below were worked out apart from this code, from Wilson's and Newcombe's formulas.
  it("is not proven when the interval reaches 0 or below", () => {
    const verdict = holdoutVerdict({ n: 30, fixed: 12 }, { n: 30, fixed: 9 });
    expect(verdict.status === "measured" && verdict.result).toMatchObject({
      uplift: 10,
      ciLow: -13.6,
      ciHigh: 32.1,
      proven: false,
    });
    const worse = holdoutVerdict({ n: 40, fixed: 4 }, { n: 40, fixed: 20 });
    expect(worse.status === "measured" && worse.result).toMatchObject({
      uplift: -40,
      ciLow: -56,
      ciHigh: -20.3,
      proven: false,
    });
  });

  it("says how far each arm is from 30 episodes, and gives null in the JSON", () => {
    const short = holdoutVerdict({ n: 90, fixed: 60 }, { n: 12, fixed: 3 });
    expect(short).toMatchObject({
      status: "not-enough-data",
      text: "not enough data yet (12 held out, 30 needed)",
    });
    expect(holdoutJson(short)).toBeNull();
    expect(holdoutVerdict({ n: 25, fixed: 20 }, { n: 4, fixed: 0 })).toMatchObject({
      text: "not enough data yet (4 held out and 25 nudged, 30 needed)",
    });
    expect(holdoutVerdict({ n: 0, fixed: 0 }, { n: 0, fixed: 0 })).toMatchObject({
      text: "not enough data yet (0 held out and 0 nudged, 30 needed)",
    });
    expect(holdoutJson(null)).toBeNull();
  });

  it("measures at exactly 30 per arm, with every episode fixed or none", () => {
    const verdict = holdoutVerdict({ n: 30, fixed: 30 }, { n: 30, fixed: 0 });
    expect(verdict.status === "measured" && verdict.result).toMatchObject({
      uplift: 100,
      ciLow: 83.9,
      ciHigh: 100,
      proven: true,
    });
  });

  it("refuses an arm with more fixed than episodes", () => {
    expect(() => holdoutVerdict({ n: 30, fixed: 31 }, { n: 30, fixed: 1 })).toThrow(RangeError);
  });
});
