import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";

describe("nudgebot demo", () => {
  it("prints digests, team scorecards and a summary, the same on every run", () => {
    const first = runCli(["demo"]);
    const second = runCli(["demo"]);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const out = first.stdout;
    expect(out).toMatch(
      /^nudgebot demo: the sample team \(40 reps, 400 accounts, 2500 opportunities\) at 2026-03-10T15:00:00\.000Z/,
    );
    expect(out).toMatch(/── .+ <.+@example\.com> · (SMB|MM) · Asia\/Tokyo\n {3}2026-03-11 · Required 7 \d+%/);
    expect(out.match(/^Weekly team scorecard for /gm)).toHaveLength(3);
    expect(out).toMatch(/Reps nudged: \d+ \(one digest each, recorded in \.\/data\/demo\.db\)/);
    expect(out).toMatch(/and \d+ more — \/nudge me/);
  });

  it("prints Block Kit payloads with --json, one digest per line", () => {
    const run = runCli(["demo", "--json"]);
    expect(run.status).toBe(0);
    const payloads = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(payloads.length).toBeGreaterThan(20);
    for (const payload of payloads) {
      expect(payload.channel).toMatch(/@example\.com$/);
      expect(payload.text).toMatch(/^Pipeline nudges for 2026-03-1[01]/);
      expect(payload.blocks.length).toBeLessThanOrEqual(50);
    }
  });

  it("plays four weeks of history with --history: the same report each run, one rule flagged noisy", () => {
    const first = runCli(["demo", "--history", "--json"]);
    expect(first.status).toBe(0);
    const rows = first.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(13);
    expect(rows.filter((row) => row.noisy).map((row) => row.rule)).toEqual(["activity-missing"]);
    const source = rows.find((row) => row.rule === "source-missing");
    expect(source.nudged).toBeGreaterThanOrEqual(20);
    expect(source.fixRate).toBeGreaterThan(0.8);
    expect(source.fixedWithin3 / source.nudged).toBe(source.fixRate);

    const text = runCli(["demo", "--history"]);
    expect(text.stdout).toContain("activity-missing is noisy:");
    expect(text.stdout).toMatch(/^activity-missing\s+\d+\s+\d+\s+\d+\s+\d+%.*NOISY$/m);
    // Deterministic: the recorded history gives the JSON run's figures again.
    const again = runCli(["report", "--json"], {
      DATABASE_URL: "sqlite:./data/demo.db",
      NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
    });
    expect(again.stdout).toBe(first.stdout);
  }, 120_000);
});
