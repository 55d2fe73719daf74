// Stuck findings end to end: the real bot nudges Ava each working day with the clock injected; a
// finding she leaves open reaches her manager's weekly digest once it is 5 working days past its
// first nudge, and not a day before.
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/domain/model.ts";
import { queueManagerDigests } from "../../src/services/manager-digests.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { stuckOf } from "../../src/services/stuck-findings.ts";
import type { PipelineSource } from "../../src/sources/source.ts";
import { type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

const source = (data: Snapshot): PipelineSource => ({
  name: "test",
  load: async () => ({ snapshot: data, issues: [] }),
});

/** What the manager digests sent to Mia say, one string per digest. */
const managerDigests = (h: Harness) =>
  h.slack
    .callsOf("chat.postMessage")
    .map((call) => JSON.stringify(call.params))
    .filter((text) => text.includes("UMIA") && text.includes("Your team"));

/** Ava's stuck findings as the manager's digest would list them now. */
async function avaStuck(h: Harness) {
  const { evaluation } = await h.bot.pipeline.current();
  const ava = evaluation.owners.get("ava@example.com");
  const stuck = await stuckOf(
    {
      history: h.bot.store.history,
      pauses: h.bot.store,
      settings: h.bot.jobDeps.quiet.settings,
      after: h.bot.jobDeps.config.effectiveness.escalateAfterWorkingDays,
    },
    ava ? [ava] : [],
  );
  return stuck[0]?.findings.map((f) => `${f.rule} ${f.recordId} ${f.workingDays}`) ?? [];
}

describe("a finding left open after its nudge reaches the manager", () => {
  it("is stuck 5 working days after the first nudge, and listed in that Monday's manager digest", async () => {
    // Monday 9 March 2026, 11:00 in New York: Ava's first digest lists 006A's missing lead source.
    harness = await startHarness({ now: "2026-03-09T15:00:00Z", source: source(TEAM) });
    const h = harness;
    const day = async (iso: string) => {
      h.clock.now = new Date(iso);
      await runNudgeCycle(h.bot.cycle, "due");
    };
    await day("2026-03-09T15:00:00Z");
    const nudged = (await h.bot.store.history.openEpisodes()).find(
      (e) => e.rule === "source-missing" && e.recordId === "006A",
    );
    expect(nudged?.nudgedOn).toBe("2026-03-09");

    for (const date of ["10", "11", "12", "13"]) await day(`2026-03-${date}T15:00:00Z`);
    // Friday: 4 working days since the nudge; the weekend adds none.
    expect(await avaStuck(h)).toEqual([]);
    await day("2026-03-15T15:00:00Z");
    expect(await avaStuck(h)).toEqual([]);

    // Monday 16 March, 09:40 in New York: 5 working days, and the manager's digest is due.
    h.clock.now = new Date("2026-03-16T13:40:00Z");
    expect(await avaStuck(h)).toContain("source-missing 006A 5");
    expect(await queueManagerDigests(h.bot.jobDeps)).toBe(1);
    await h.bot.cycle.sender.drain();
    const digests = managerDigests(h);
    expect(digests).toHaveLength(1);
    const digest = digests[0] ?? "";
    expect(digest).toContain("Stuck after a nudge");
    expect(digest).toContain("*Ava Okafor*");
    expect(digest).toContain("No lead source: Northwind Logistics - Premium New, stuck for 5 working days");
    // Cy's findings were never nudged (he is not in Slack), and he is not on Mia's team.
    expect(digest).not.toContain("Cy Vance");
  });

  it("sends the manager digest without them when the history cannot be read", async () => {
    harness = await startHarness({ now: "2026-03-16T13:40:00Z", source: source(TEAM) });
    const h = harness;
    h.bot.store.history.openNudgedBy = async () => {
      throw new Error("database gone");
    };
    expect(await queueManagerDigests(h.bot.jobDeps)).toBe(1);
    await h.bot.cycle.sender.drain();
    expect(managerDigests(h)).toHaveLength(1);
    expect(managerDigests(h)[0]).not.toContain("Stuck");
  });
});
