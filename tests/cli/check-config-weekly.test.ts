// `nudgebot check-config` says which rules wait for the weekly cleanup and why, from the bot's store;
// a bad `effectiveness.noisyRules` is one configuration error naming the key.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MOVES_KEY } from "../../src/services/weekly-rules.ts";
import { openStore } from "../../src/store/sql-store.ts";
import { TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { runCli } from "../helpers/run-cli.ts";

function env(yaml: string, databaseFile: string): Record<string, string> {
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, yaml);
  return {
    DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
    NUDGEBOT_CONFIG: configFile,
    DATABASE_URL: `sqlite:${databaseFile}`,
    LOG_LEVEL: "silent",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "secret",
  };
}

const newDbFile = () => join(mkdtempSync(join(tmpdir(), "nudgebot-weekly-")), "nudgebot.db");

describe("check-config and the weekly cleanup", () => {
  it("lists a rule an admin moved, with who and when", async () => {
    const file = newDbFile();
    const store = openStore({ kind: "sqlite", file });
    await store.migrate();
    const at = new Date("2026-03-09T16:00:00Z");
    await store.setSetting(
      MOVES_KEY,
      JSON.stringify({
        "source-missing": { to: "weekly", by: "Olga Ops", byUser: "UOPS", at: at.toISOString() },
      }),
      at,
    );
    await store.close();
    const run = runCli(["check-config"], env("effectiveness:\n  noisyRules: weekly\n", file));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "noisyRules: weekly (noisy rules leave the daily digest for Monday's Weekly cleanup)",
    );
    expect(run.stdout).toContain(
      "Weekly cleanup (effectiveness.noisyRules: weekly): 1 rule listed once a week, on Monday, instead of daily.",
    );
    expect(run.stdout).toContain(
      "  No lead source (source-missing): weekly: moved by Olga Ops on 2026-03-09",
    );
  });

  it("says no rule is weekly when none is, without creating a database", () => {
    const file = newDbFile();
    const run = runCli(["check-config"], env("", file));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `Weekly cleanup (effectiveness.noisyRules: keep): no database at ${file} yet, so no rule is noisy or moved.`,
    );
  });

  it("refuses an unknown effectiveness.noisyRules, naming the key", () => {
    const run = runCli(["check-config"], env("effectiveness:\n  noisyRules: monthly\n", newDbFile()));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("effectiveness.noisyRules: expected keep or weekly");
  });
});
