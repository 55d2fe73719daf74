import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportPKCS8, generateKeyPair } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { type FakeSalesforce, startFakeSalesforce } from "../helpers/fake-salesforce.ts";
import { runCliAsync } from "../helpers/run-cli.ts";

let fake: FakeSalesforce | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe("DATA_SOURCE=salesforce, run as a process against a server that speaks the REST API", () => {
  it("prints the same findings as the CSV source, with one query per object", async () => {
    fake = await startFakeSalesforce(TEAM);
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const keyFile = join(mkdtempSync(join(tmpdir(), "nudgebot-key-")), "server.key");
    writeFileSync(keyFile, await exportPKCS8(privateKey));
    const now = "2026-03-10T15:00:00Z";
    const fromSalesforce = await runCliAsync(["scan", "--dry-run", "--json"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_LOGIN_URL: fake.url,
      SALESFORCE_CLIENT_ID: "3MVG9-client",
      SALESFORCE_USERNAME: "nudgebot@acme.test",
      SALESFORCE_PRIVATE_KEY_FILE: keyFile,
      NUDGEBOT_NOW: now,
    });
    const fromCsv = await runCliAsync(["scan", "--dry-run", "--json"], {
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      NUDGEBOT_NOW: now,
    });
    expect(fromSalesforce.stderr).not.toContain("rror");
    expect(fromSalesforce.status).toBe(0);
    expect(fromSalesforce.stdout.trim().split("\n")).toHaveLength(5);
    expect(fromSalesforce.stdout).toBe(fromCsv.stdout);
    expect(Object.fromEntries(fake.queryRequests)).toEqual({ User: 1, Account: 1, Opportunity: 1 });
    expect(fake.tokenRequests).toBe(1);
  });

  it("check-config logs in and confirms every mapped field exists", async () => {
    fake = await startFakeSalesforce(TEAM);
    const run = await runCliAsync(["check-config"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_INSTANCE_URL: fake.url,
      SALESFORCE_ACCESS_TOKEN: "00D!token",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('SALESFORCE_ACCESS_TOKEN: "****** (set, 9 characters)"');
    expect(run.stdout).not.toContain("00D!token");
    expect(run.stderr).toBe(
      `Logged in to ${fake.url}.\nEvery mapped Salesforce field exists.\nConfiguration is valid.\n`,
    );
  });

  it("names what is missing to log in", async () => {
    const run = await runCliAsync(["scan", "--dry-run"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_CLIENT_ID: "3MVG9",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "Configuration error: SALESFORCE_USERNAME: needed to log in (the integration user)\n" +
        "Configuration error: SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE: needed to sign the login (the connected app's key)\n",
    );
  });
});
