// `nudgebot report`: after a few days of real nudge cycles, the counts SPEC defines, per rule.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/domain/model.ts";
import { type Harness, startHarness, TEAM } from "../helpers/bot-harness.ts";
import { runCli } from "../helpers/run-cli.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

function withSource(data: Snapshot, fixed: string[]): Snapshot {
  return {
    ...data,
    opportunities: data.opportunities.map((opp) =>
      fixed.includes(opp.id) ? { ...opp, howHeard: "Webinar" } : opp,
    ),
  };
}

describe("nudgebot report", () => {
  it("prints, per rule, what the nudges of the last days led to", async () => {
    const source = { name: "test", data: TEAM, load: async () => ({ snapshot: source.data, issues: [] }) };
    harness = await startHarness({ now: "2026-03-10T15:00:00Z", source }); // Tuesday
    await harness.bot.service.runNow();
    // Ava fills in the source of 006A on Friday: her 3rd working day after Tuesday's nudge.
    source.data = withSource(TEAM, ["006A"]);
    harness.clock.now = new Date("2026-03-13T15:00:00Z");
    await harness.bot.service.runNow();
    // Ken (Tokyo, nudged on his Wednesday) fixes 006K on his Tuesday: the 4th working day.
    source.data = withSource(TEAM, ["006A", "006K"]);
    harness.clock.now = new Date("2026-03-16T15:00:00Z");
    await harness.bot.service.runNow();
    const dbFile = harness.dbFile;
    await harness.stop();
    harness = null;

    const env = {
      DATABASE_URL: `sqlite:${dbFile}`,
      NUDGEBOT_NOW: "2026-03-16T16:00:00Z",
      LOG_LEVEL: "silent",
    };
    const json = runCli(["report", "--json"], env);
    expect(json.stderr).toBe("");
    expect(json.status).toBe(0);
    const rows = json.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(14);
    expect(rows.find((row) => row.rule === "source-missing")).toEqual({
      rule: "source-missing",
      opened: 3,
      nudged: 2, // Cy is not in Slack: opened, never nudged
      fixedWithin3: 1,
      fixRate: 0.5,
      medianDaysToFix: 3.5,
      open: 1,
      noisy: false,
      snoozedShare: 0,
      holdout: null, // the holdout is off
    });
    expect(rows.find((row) => row.rule === "deck-missing")).toMatchObject({ nudged: 0, fixRate: null });

    const text = runCli(["report", "--since", "2026-03-12"], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("Nudge effectiveness from 2026-03-12 until now (2026-03-16)");
    expect(text.stdout).toMatch(/No lead source\s+0\s+0\s+0\s+–\s+–\s+1/);
    expect(text.stdout).not.toMatch(/^source-missing/m);
    expect(text.stdout).toContain("No noisy rule.");
  }, 60_000);

  it("on a database that does not exist, says so, exits 1 and creates nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "nudgebot-report-"));
    const file = join(dir, "data", "nudgebot.db");
    const run = runCli(["report"], { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "silent" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`No database at ${file}: nothing has been recorded there.`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a --since that is not a date, saying what it takes", () => {
    const run = runCli(["report", "--since", "last week"], { DATABASE_URL: "sqlite::memory:" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--since takes a date as YYYY-MM-DD, not "last week"');
  });
});
