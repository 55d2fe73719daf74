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
});
