// `nudgebot check-config` says which rules wait for the weekly cleanup and why, from the bot's store;
// a bad `effectiveness.noisyRules` is one configuration error naming the key; `scan --dry-run` prints
// Monday's digests with their "Weekly cleanup" section.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { moveKey } from "../../src/services/weekly-rules.ts";
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

/** A database where Olga Ops moved "source-missing" to the weekly cleanup on Monday 9 March. */
async function movedSourceMissing(): Promise<string> {
  const file = newDbFile();
  const store = openStore({ kind: "sqlite", file });
  await store.migrate();
  const at = new Date("2026-03-09T16:00:00Z");
  await store.setSetting(
    moveKey("source-missing"),
    JSON.stringify({ to: "weekly", by: "Olga Ops", byUser: "UOPS", at: at.toISOString() }),
    at,
  );
  await store.close();
  return file;
}

describe("scan --dry-run and the weekly cleanup", () => {
  it("prints the weekly rule's findings under Weekly cleanup on Monday, and leaves them out on Tuesday", async () => {
    const file = await movedSourceMissing();
    const monday = runCli(["scan", "--dry-run"], { ...env("", file), NUDGEBOT_NOW: "2026-03-16T14:00:00Z" });
    expect(monday.status).toBe(0);
    const avas = (text: string) => text.slice(text.indexOf("── Ava Okafor"), text.indexOf("── Ken Sato"));
    expect(avas(monday.stdout)).toContain(
      "   Weekly cleanup (1 finding):\n     No lead source: 1 · Northwind Logistics - Premium New",
    );
    expect(avas(monday.stdout)).not.toContain("How the customer heard about us is not recorded");
    const tuesday = runCli(["scan", "--dry-run"], { ...env("", file), NUDGEBOT_NOW: "2026-03-17T14:00:00Z" });
    expect(avas(tuesday.stdout)).not.toContain("Weekly cleanup");
    expect(avas(tuesday.stdout)).not.toContain("How the customer heard about us is not recorded");
    expect(avas(tuesday.stdout)).toContain("Next step “tbd” is too vague");
  });
});

describe("check-config and the weekly cleanup", () => {
  it("lists a rule an admin moved, with who and when", async () => {
    const file = await movedSourceMissing();
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
