import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { account, opportunity, rep, snapshot } from "../helpers/builders.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { runCli } from "../helpers/run-cli.ts";

const NOW = "2026-03-10T15:00:00Z";

describe("nudgebot scan --dry-run --json, run as a process", () => {
  it("prints one JSON object per finding on stdout and the skipped row on stderr", () => {
    const folder = csvFolder(
      snapshot({
        reps: [rep(), rep({ email: "ken@example.com", name: "Ken Sato", timezone: "Asia/Tokyo" })],
        accounts: [
          account({ tier: null }),
          account({ id: "001B", ownerEmail: "ken@example.com", employees: 250 }),
        ],
        opportunities: [
          opportunity({ id: "o1", nextStep: "follow up" }),
          opportunity({
            id: "o2",
            accountId: "001B",
            ownerEmail: "ken@example.com",
            nextStepDate: "2026-03-10",
          }),
          opportunity({
            id: "o3",
            isClosed: true,
            stage: "Closed Won",
            isWon: true,
            closeDate: "2026-03-01",
          }),
          opportunity({ id: "o4" }),
        ],
      }),
    );
    const path = join(folder, "opportunities.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace(/^o4,(.*),2026-04-30,/m, "o4,$1,30/04/2026,"));

    const run = runCli(["scan", "--dry-run", "--json"], { DATA_SOURCE: `csv:${folder}`, NUDGEBOT_NOW: NOW });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    const findings = lines.map((line) => JSON.parse(line));
    expect(
      findings.map(({ rule, recordType, recordId, owner }) => ({ rule, recordType, recordId, owner })),
    ).toEqual([
      { rule: "next-step-vague", recordType: "opportunity", recordId: "o1", owner: "ava@example.com" },
      { rule: "closed-reason-missing", recordType: "opportunity", recordId: "o3", owner: "ava@example.com" },
      { rule: "account-unranked", recordType: "account", recordId: "001A", owner: "ava@example.com" },
      // Already 11 March in Tokyo: a next step dated 10 March is overdue there.
      { rule: "next-step-overdue", recordType: "opportunity", recordId: "o2", owner: "ken@example.com" },
      { rule: "segment-mismatch", recordType: "account", recordId: "001B", owner: "ken@example.com" },
    ]);
    expect(run.stderr).toContain(
      'opportunities.csv, line 5, closeDate: expected a date as YYYY-MM-DD, got "30/04/2026" (row skipped)',
    );
    expect(run.stderr).not.toMatch(/^\{/m);
  });

  it("stops with one line naming a bad setting, and no stack trace", () => {
    const run = runCli(["scan", "--dry-run", "--json"], { DATA_SOURCE: "excel:/tmp", NUDGEBOT_NOW: NOW });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'Configuration error: DATA_SOURCE: expected sample, csv:<folder>, salesforce or hubspot, got "excel:/tmp"\n',
    );
  });

  it("says which file is missing from a CSV folder", () => {
    const run = runCli(["scan", "--dry-run"], { DATA_SOURCE: "csv:/nonexistent", NUDGEBOT_NOW: NOW });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Cannot read \/nonexistent\/reps\.csv: ENOENT\n$/);
  });

  it("answers an unknown command with usage", () => {
    const run = runCli(["scna"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Unknown command: scna\n\nUsage: nudgebot <command>/);
  });
});

describe("nudgebot migrate", () => {
  it("says in one line when PostgreSQL cannot be reached, without the password", () => {
    const run = runCli(["migrate"], { DATABASE_URL: "postgres://bot:hunter2@127.0.0.1:1/nudgebot" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "Cannot reach PostgreSQL at 127.0.0.1:1/nudgebot (ECONNREFUSED): check DATABASE_URL and that the server is up.\n",
    );
  });
});
