import { describe, expect, it } from "vitest";
import { RequestPacer } from "../../src/sources/hubspot/request-pacer.ts";

function pacedClock() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}

describe("HubSpot request pacing", () => {
  it("never sends more than requestsPer10s in any 10 seconds", async () => {
    const clock = pacedClock();
    const pacer = new RequestPacer(90, 4, clock.now, clock.sleep);
    const sentAt: number[] = [];
    for (let index = 0; index < 200; index += 1) {
      await pacer.take(false);
      sentAt.push(clock.now());
    }
    for (const start of sentAt) {
      expect(sentAt.filter((time) => time >= start && time < start + 10_000).length).toBeLessThanOrEqual(90);
    }
    expect(pacer.busiest10s).toBe(90);
  });

  it("never sends more than 4 searches in any second, while other requests go on", async () => {
    const clock = pacedClock();
    const pacer = new RequestPacer(90, 4, clock.now, clock.sleep);
    for (let index = 0; index < 4; index += 1) await pacer.take(true);
    expect(clock.now()).toBe(0);
    await pacer.take(false);
    expect(clock.now()).toBe(0);
    await pacer.take(true);
    expect(clock.now()).toBe(1_000);
  });
});
