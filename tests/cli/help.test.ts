// `nudgebot --help` (and a usage error) answer without loading what only the commands need.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_FROM_SOURCES } from "../helpers/run-cli.ts";

const RECORDER = fileURLToPath(new URL("../helpers/record-imports.mjs", import.meta.url));
const HEAVY =
  /node_modules\/(@slack\/|pg\/|better-sqlite3\/|prom-client\/|pino\/|jose\/|papaparse\/|node-cron\/|yaml\/|zod\/)/;

/** Runs the CLI from its sources; returns its result and every module it imported. */
function runRecorded(args: string[], env: Record<string, string> = {}) {
  const record = join(mkdtempSync(join(tmpdir(), "nudgebot-imports-")), "imports.txt");
  const run = spawnSync(process.execPath, ["--import", RECORDER, ...CLI_FROM_SOURCES, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", RECORD_IMPORTS_TO: record, ...env },
    timeout: 60_000,
  });
  const imports = readFileSync(record, "utf8").trim().split("\n");
  return { run, imports };
}

describe("nudgebot --help", () => {
  it("prints usage without loading Bolt, the database drivers or any other command's modules", () => {
    const { run, imports } = runRecorded(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: nudgebot <command> \[options\]/);
    // The recorder sees the CLI itself, so an empty list below is not an empty recording.
    expect(imports.some((url) => url.endsWith("/src/cli.ts"))).toBe(true);
    expect(imports.filter((url) => HEAVY.test(url) || url.includes("/src/app.ts"))).toEqual([]);
  });

  it("answers an unknown command with usage, exit 2, just as light", () => {
    const { run, imports } = runRecorded(["frobnicate"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Unknown command: frobnicate\n\nUsage: nudgebot/);
    expect(imports.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it("still loads what a command needs once one is chosen", () => {
    // With what serve needs from Slack, so check-config passes (it refuses what serve would).
    const { run, imports } = runRecorded(["check-config"], {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_APP_TOKEN: "xapp-test",
    });
    expect(run.status).toBe(0);
    expect(imports.some((url) => url.includes("/node_modules/zod/"))).toBe(true);
  });
});
