import { describe, expect, it } from "vitest";
import { detached, TextPool } from "../../src/sources/csv/text-pool.ts";

describe("keeping a file's cell texts compact", () => {
  it("gives back every value exactly as written, repeated or not, short or long", () => {
    const pool = new TextPool();
    const stages = ["1-Qualify", "5-Negotiating", "Closed Won – signed 😀"];
    for (let row = 0; row < 3000; row++) {
      const stage = stages[row % 3] as string;
      expect(pool.share(`${stage} `.slice(0, -1))).toBe(stage);
    }
    // A column of all-different values (names) stops being looked up, and still reads right.
    const names = new TextPool();
    for (let row = 0; row < 3000; row++)
      expect(names.share(`Deal number ${row} for Acme`)).toBe(`Deal number ${row} for Acme`);
    const step = "Send the deck to the champion on Monday";
    const file = `id,next step\n1,${step}\n`;
    expect(detached(file.slice(file.indexOf(step), -1))).toBe(step);
    expect(detached("")).toBe("");
  });

  it("remembers at most its limit of distinct values, and still reads the rest right", () => {
    const pool = new TextPool(10);
    for (let round = 0; round < 3; round++)
      for (let value = 0; value < 20; value++)
        expect(pool.share(`owner-${value % 20}`)).toBe(`owner-${value % 20}`);
  });
});
