import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportPKCS8, generateKeyPair } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import type { Account } from "../../src/domain/model.ts";
import { TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { type FakeSalesforce, startFakeSalesforce } from "../helpers/fake-salesforce.ts";
import { runCliAsync } from "../helpers/run-cli.ts";

/** What serve needs from Slack, so check-config judges the Salesforce settings alone. */
const SLACK = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test" };

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
    expect(Object.fromEntries(fake.queryRequests)).toEqual({
      User: 1,
      Account: 1,
      Opportunity: 1,
      OpportunityStage: 1,
    });
    expect(fake.tokenRequests).toBe(1);
  });

  it("check-config logs in, reads the org and lists every rule on", async () => {
    fake = await startFakeSalesforce(TEAM);
    const run = await runCliAsync(["check-config"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_INSTANCE_URL: fake.url,
      SALESFORCE_ACCESS_TOKEN: "00D!token",
      ...SLACK,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('SALESFORCE_ACCESS_TOKEN: "****** (set, 9 characters)"');
    expect(run.stdout).not.toContain("00D!token");
    expect(run.stdout).toContain("Rules on salesforce:\n  next-step-missing              on\n");
    const rules = run.stdout.slice(run.stdout.indexOf("Rules on salesforce:")).split("\n\n")[0];
    expect(rules).not.toMatch(/ off /);
    expect(run.stderr).toBe(
      `Logged in to ${fake.url}.\nRead 4 opportunities, 3 accounts and 5 reps; 14 of 14 rules on.\nSupport queue off: ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN are not set.\nConfiguration is valid.\n`,
    );
  });

  it("check-config on a stock org says which rules are off and which key turns each on, and exits 0", async () => {
    fake = await startFakeSalesforce(
      {
        ...TEAM,
        accounts: [...TEAM.accounts, { ...(TEAM.accounts[0] as Account), id: "001E", employees: 5_000 }],
      },
      { org: "stock" },
    );
    const run = await runCliAsync(["check-config"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_INSTANCE_URL: fake.url,
      SALESFORCE_ACCESS_TOKEN: "00D!token",
      ...SLACK,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "  deck-missing                   off  no field for opportunity.deckUrl: map salesforce.fieldMap.opportunity.deckUrl\n",
    );
    expect(run.stdout).toContain("  source-missing                 on\n");
    expect(run.stderr).toContain("6 of 14 rules on.");
    expect(run.stderr).toContain("Left out: 1 Enterprise account and 0 of their opportunities");
  });

  it("check-config refuses a text field mapped to an amount, naming the key", async () => {
    fake = await startFakeSalesforce(TEAM, { org: "stock" });
    const dir = mkdtempSync(join(tmpdir(), "nudgebot-config-"));
    writeFileSync(
      join(dir, "nudgebot.yml"),
      "salesforce:\n  fieldMap:\n    opportunity:\n      amount: Description\n",
    );
    const run = await runCliAsync(["check-config"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_INSTANCE_URL: fake.url,
      SALESFORCE_ACCESS_TOKEN: "00D!token",
      NUDGEBOT_CONFIG: join(dir, "nudgebot.yml"),
      ...SLACK,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "Configuration error: salesforce.fieldMap.opportunity.amount: Opportunity.Description is a textarea field; amount needs a number.",
    );
  });

  it("scan on a stock org gives nudges instead of stopping at the first custom field", async () => {
    fake = await startFakeSalesforce(TEAM, { org: "stock" });
    const run = await runCliAsync(["scan", "--dry-run", "--json"], {
      DATA_SOURCE: "salesforce",
      SALESFORCE_INSTANCE_URL: fake.url,
      SALESFORCE_ACCESS_TOKEN: "00D!token",
      NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("rror");
    const rules = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).rule);
    expect(rules).toContain("source-missing");
    expect(rules).toContain("next-step-vague");
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
