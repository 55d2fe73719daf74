// Proof by holdout in the real nudge cycle: a held-out finding stays out of digests and /nudge me
// for its first working days, is not recorded as nudged meanwhile, and is nudged from then on.
import { afterEach, describe, expect, it } from "vitest";
import { snoozeKey } from "../../src/domain/digest.ts";
import { isHeldOut } from "../../src/domain/holdout.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

const AVA = "ava@example.com";

describe("held-out findings in digests", () => {
  it("are left out for their first 3 working days, then nudged on the 4th", async () => {
    harness = await startHarness({
      now: "2026-03-10T15:00:00Z", // Tuesday, 10:00 in New York
      yaml: "effectiveness: { holdoutPercent: 50, holdoutWorkingDays: 3 }",
    });
    const bot = harness.bot;
    const myKeys = async () => {
      const { viewer, view } = await bot.service.viewer("UAVA", true);
      const digest = await bot.service.myDigest(viewer, view);
      return new Set(digest?.records.flatMap((group) => group.findings.map(snoozeKey)) ?? []);
    };
    const avas = async () =>
      (await bot.store.history.openEpisodes()).filter((e) => e.owner.toLowerCase() === AVA);

    await bot.service.runNow();
    const opened = await avas();
    const held = opened.filter((e) => isHeldOut(e, 50));
    const nudged = opened.filter((e) => !held.includes(e));
    // Both arms are present in Ava's findings (fixed by the hash, so always the same ones).
    expect(held.length).toBeGreaterThan(0);
    expect(nudged.length).toBeGreaterThan(0);
    for (const episode of nudged) expect(episode.nudgedOn).toBe("2026-03-10");
    for (const episode of held) expect(episode.nudgedOn).toBeNull();
    const day1 = await myKeys();
    for (const episode of held) expect(day1.has(snoozeKey(episode))).toBe(false);
    for (const episode of nudged) expect(day1.has(snoozeKey(episode))).toBe(true);

    // Wednesday and Thursday are its 2nd and 3rd working days: still left out, still not nudged.
    for (const day of ["2026-03-11", "2026-03-12"]) {
      harness.clock.now = new Date(`${day}T15:00:00Z`);
      await bot.service.runNow();
      const open = new Map((await avas()).map((e) => [snoozeKey(e), e]));
      for (const episode of held) expect(open.get(snoozeKey(episode))?.nudgedOn).toBeNull();
      const mine = await myKeys();
      for (const episode of held) expect(mine.has(snoozeKey(episode))).toBe(false);
    }

    // Friday, its 4th working day: nudged like any other.
    harness.clock.now = new Date("2026-03-13T15:00:00Z");
    await bot.service.runNow();
    const open = new Map((await avas()).map((e) => [snoozeKey(e), e]));
    for (const episode of held) expect(open.get(snoozeKey(episode))?.nudgedOn).toBe("2026-03-13");
    const day4 = await myKeys();
    for (const episode of held) expect(day4.has(snoozeKey(episode))).toBe(true);
  });
});
