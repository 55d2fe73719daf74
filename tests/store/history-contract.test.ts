// The finding history contract, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { describe, expect, it } from "vitest";
import type { Episode } from "../../src/domain/episodes.ts";
import { backends, freshStores } from "../helpers/store-backends.ts";

function episode(overrides: Partial<Episode> = {}): Episode {
  return {
    rule: "source-missing",
    recordId: "006A",
    recordType: "opportunity",
    owner: "ava@example.com",
    openedAt: "2026-03-09T15:00:00.000Z",
    openedOn: "2026-03-09",
    nudgedOn: null,
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
    holdoutArm: null,
    ...overrides,
  };
}

const none = { opened: [], nudged: [], resolved: [] };

describe.each(backends)("the $name finding history", (backend) => {
  const fresh = freshStores(backend);

  it("opens, nudges, snoozes and resolves an episode, and a reopened finding gets a second one", async () => {
    const store = await fresh();
    await store.history.applyEpisodeChanges({ ...none, opened: [episode()] });
    // Another replica opening the same finding again changes nothing: one open episode per finding.
    await store.history.applyEpisodeChanges({
      ...none,
      opened: [episode({ openedAt: "2026-03-09T15:01:00.000Z" })],
    });
    expect(await store.history.openEpisodes()).toEqual([episode()]);

    await store.history.applyEpisodeChanges({
      ...none,
      nudged: [{ rule: "source-missing", recordId: "006A", nudgedOn: "2026-03-10" }],
    });
    // A later digest does not move the first nudge.
    await store.history.applyEpisodeChanges({
      ...none,
      nudged: [{ rule: "source-missing", recordId: "006A", nudgedOn: "2026-03-11" }],
    });
    await store.history.markSnoozed([{ rule: "source-missing", recordId: "006A" }], "2026-03-10");
    await store.history.applyEpisodeChanges({
      ...none,
      resolved: [
        {
          rule: "source-missing",
          recordId: "006A",
          resolvedOn: "2026-03-12",
          resolution: "fixed",
          daysToFix: 2,
        },
      ],
    });
    expect(await store.history.openEpisodes()).toEqual([]);

    await store.history.applyEpisodeChanges({
      ...none,
      opened: [episode({ openedAt: "2026-03-16T15:00:00.000Z", openedOn: "2026-03-16" })],
    });
    const all = await store.history.episodesSince("2026-03-01");
    expect(all.sort((a, b) => a.openedAt.localeCompare(b.openedAt))).toEqual([
      episode({
        nudgedOn: "2026-03-10",
        snoozedOn: "2026-03-10",
        resolvedOn: "2026-03-12",
        resolution: "fixed",
      }),
      episode({ openedAt: "2026-03-16T15:00:00.000Z", openedOn: "2026-03-16" }),
    ]);
    // The period filter keeps what is still open and what happened in it.
    expect((await store.history.episodesSince("2026-03-13")).map((e) => e.openedOn)).toEqual(["2026-03-16"]);
  });

  it("gives the open episodes first nudged by a date: never nudged, later or resolved ones are left out", async () => {
    const store = await fresh();
    await store.history.applyEpisodeChanges({
      ...none,
      opened: [
        episode({ recordId: "006A", nudgedOn: "2026-03-09" }),
        episode({ recordId: "006B", nudgedOn: "2026-03-10" }),
        episode({ recordId: "006C", nudgedOn: "2026-03-11" }),
        episode({ recordId: "006D" }),
        episode({ recordId: "006E", nudgedOn: "2026-03-09" }),
      ],
    });
    await store.history.applyEpisodeChanges({
      ...none,
      resolved: [
        {
          rule: "source-missing",
          recordId: "006E",
          resolvedOn: "2026-03-10",
          resolution: "fixed",
          daysToFix: 1,
        },
      ],
    });
    const found = await store.history.openNudgedBy("2026-03-10");
    expect(found.map((e) => e.recordId).sort()).toEqual(["006A", "006B"]);
    expect(found.find((e) => e.recordId === "006A")).toEqual(
      episode({ recordId: "006A", nudgedOn: "2026-03-09" }),
    );
  });

  it("keeps the holdout arm an episode was given when it opened", async () => {
    const store = await fresh();
    await store.history.applyEpisodeChanges({
      ...none,
      opened: [
        { ...episode({ holdoutArm: "held" }), holdoutEndsOn: "2026-03-12" },
        episode({ recordId: "006B", holdoutArm: "off" }),
        episode({ recordId: "006C" }),
      ],
    });
    const arms = (await store.history.openEpisodes()).map((e) => [e.recordId, e.holdoutArm]);
    expect(arms.sort()).toEqual([
      ["006A", "held"],
      ["006B", "off"],
      ["006C", null],
    ]);
  });

  it("counts its writes of episode changes, and says when one did not find the store as expected", async () => {
    const store = await fresh();
    expect(await store.history.historyVersion()).toBe(0);
    expect(await store.history.applyEpisodeChanges({ ...none, opened: [episode()] })).toEqual({
      version: 1,
      asExpected: true,
    });
    // A second replica opening the same finding: its insert finds the episode already open.
    expect(
      await store.history.applyEpisodeChanges({
        ...none,
        opened: [episode({ openedAt: "2026-03-09T15:05:00.000Z" })],
      }),
    ).toEqual({ version: 2, asExpected: false });
    // Snoozes and scores are not episode changes a scan compares with: the version stays.
    await store.history.markSnoozed([{ rule: "source-missing", recordId: "006A" }], "2026-03-10");
    await store.history.saveWeeklyScores([
      { rep: "ava@example.com", week: "2026-W11", skill: "next-steps", applicable: 4, clean: 3 },
    ]);
    expect(await store.history.historyVersion()).toBe(2);
    const nudge = { rule: "source-missing" as const, recordId: "006A", nudgedOn: "2026-03-10" };
    expect(await store.history.applyEpisodeChanges({ ...none, nudged: [nudge] })).toEqual({
      version: 3,
      asExpected: true,
    });
    // Nudged already, so the same nudge again finds nothing to change.
    expect((await store.history.applyEpisodeChanges({ ...none, nudged: [nudge] })).asExpected).toBe(false);
    expect(await store.history.historyVersion()).toBe(4);
  });

  it("writes a scan's thousands of changes in one go", async () => {
    const store = await fresh();
    const opened = Array.from({ length: 3000 }, (_, i) => episode({ recordId: `006${i}` }));
    await store.history.applyEpisodeChanges({ ...none, opened });
    await store.history.applyEpisodeChanges({
      ...none,
      resolved: opened.slice(0, 1000).map((e) => ({
        rule: e.rule,
        recordId: e.recordId,
        resolvedOn: "2026-03-10",
        resolution: "gone" as const,
        daysToFix: null,
      })),
    });
    expect((await store.history.openEpisodes()).length).toBe(2000);
  });

  it("says where the history ends: the last scan that opened one, the last day anything changed", async () => {
    const store = await fresh();
    expect(await store.history.historyEnd()).toBeNull();
    await store.history.applyEpisodeChanges({ ...none, opened: [episode()] });
    const opened = { lastOpenedAt: new Date("2026-03-09T15:00:00.000Z"), lastDay: "2026-03-09" };
    expect(await store.history.historyEnd()).toEqual(opened);
    await store.history.applyEpisodeChanges({
      ...none,
      resolved: [
        {
          rule: "source-missing",
          recordId: "006A",
          resolvedOn: "2026-03-12",
          resolution: "fixed",
          daysToFix: null,
        },
      ],
    });
    expect(await store.history.historyEnd()).toEqual({ ...opened, lastDay: "2026-03-12" });
  });

  it("keeps the latest Required 7 score of each rep, skill and week", async () => {
    const store = await fresh();
    await store.history.saveWeeklyScores([
      { rep: "ava@example.com", week: "2026-W10", skill: "next-steps", applicable: 4, clean: 1 },
      { rep: "ava@example.com", week: "2026-W11", skill: "next-steps", applicable: 4, clean: 2 },
    ]);
    await store.history.saveWeeklyScores([
      { rep: "ava@example.com", week: "2026-W11", skill: "next-steps", applicable: 4, clean: 3 },
    ]);
    expect(await store.history.weeklyScoresSince("2026-W11")).toEqual([
      { rep: "ava@example.com", week: "2026-W11", skill: "next-steps", applicable: 4, clean: 3 },
    ]);
  });

  it("gives back the payloads of delivered messages only", async () => {
    const store = await fresh();
    const now = new Date("2026-03-10T15:00:00Z");
    await store.enqueue(
      { key: "digest:a:2026-03-10", kind: "digest", channel: "UA", payload: { text: "a" } },
      now,
    );
    await store.enqueue(
      { key: "digest:b:2026-03-10", kind: "digest", channel: "UB", payload: { text: "b" } },
      now,
    );
    const [leased] = await store.leaseDueMessages("me", now, 60_000, 1);
    await store.markSent(leased?.key ?? "", "me", { channel: "D1", ts: "1.1" }, now);
    const found = await store.history.deliveredPayloads(["digest:a:2026-03-10", "digest:b:2026-03-10", "x"]);
    expect([...found.entries()]).toEqual([
      [leased?.key, { text: leased?.key.startsWith("digest:a") ? "a" : "b" }],
    ]);
  });

  it("keeps a digest's facts (what it nudged, its score) with its payload, across an update in place", async () => {
    const store = await fresh();
    const now = new Date("2026-03-10T15:00:00Z");
    const digest = { nudged: ["source-missing|006A", "next-step-overdue|006B"], score: 0.72 };
    const key = "digest:ava@example.com:2026-03-10";
    await store.enqueue(
      { key, kind: "digest", channel: "UAVA", payload: { text: "t", blocks: [], digest } },
      now,
    );
    const [leased] = await store.leaseDueMessages("me", now, 60_000, 1);
    expect(leased?.payload.digest).toEqual(digest);
    await store.markSent(key, "me", { channel: "DAVA", ts: "1.1" }, now);
    const sent = await store.findSentMessage("DAVA", "1.1");
    await store.updateSentPayload(key, { ...(sent?.payload ?? { text: "" }), blocks: [{ type: "divider" }] });
    expect((await store.history.deliveredPayloads([key])).get(key)).toEqual({
      text: "t",
      blocks: [{ type: "divider" }],
      digest,
    });
  });
});
