import { afterEach, describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/index.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { fakeSlackWithTeam, type Harness, newDbFile, startHarness } from "../helpers/bot-harness.ts";

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses) await harness.stop().catch(() => {});
  harnesses = [];
});

describe("two replicas on one database", () => {
  it("give each rep one digest when both run /nudge run at the same moment", async () => {
    const dbFile = newDbFile();
    const slack = fakeSlackWithTeam();
    const a = await startHarness({ now: "2026-03-10T15:00:00Z", dbFile, slack });
    harnesses.push(a);
    // The second replica shares the stand-in Slack (one workspace) and the database file.
    const b = await startHarness({ now: "2026-03-10T15:00:00Z", dbFile, slack });
    harnesses.push(b);
    const [first, second] = await Promise.all([
      runNudgeCycle(a.bot.cycle, "now"),
      runNudgeCycle(b.bot.cycle, "now"),
    ]);
    expect((first?.queued ?? 0) + (second?.queued ?? 0)).toBe(2);
    const digests = slack.delivered.filter((message) =>
      JSON.stringify(message.metadata).includes(`"key":"digest:`),
    );
    expect(digests.map((message) => message.channel).sort()).toEqual(["DAVA", "DKEN"]);
  });

  it("take over the scheduler when the replica holding its lease is killed", async () => {
    const dbFile = newDbFile();
    // Monday 9 March 2026, 10:00 in New York: Ava's digest is due.
    const survivor = await startHarness({ now: "2026-03-09T14:00:00Z", dbFile });
    harnesses.push(survivor);
    const { store } = survivor.bot;
    // Replica "dead" took the digests lease at 14:00 and was killed (kill -9) before releasing it.
    expect(await store.acquireLease("digests", "dead", 5 * 60_000, survivor.clock.now)).toBe(true);
    const jobs = startJobs(survivor.bot.jobDeps, "survivor");
    try {
      survivor.clock.now = new Date("2026-03-09T14:01:00Z");
      await jobs.digests.runNow();
      expect(survivor.slack.callsOf("chat.postMessage")).toEqual([]);
      survivor.clock.now = new Date("2026-03-09T14:06:00Z"); // the dead replica's lease has expired
      await jobs.digests.runNow();
      expect(survivor.slack.callsOf("chat.postMessage").map((call) => call.params.channel)).toContain("UAVA");
    } finally {
      await jobs.stop();
    }
  });
});
