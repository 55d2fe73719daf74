import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeHubspot, startFakeHubspot } from "../helpers/fake-hubspot.ts";
import { stockPortal } from "../helpers/hubspot-portal.ts";
import { runCliAsync } from "../helpers/run-cli.ts";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test" };

let fake: FakeHubspot | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function configFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "nudgebot-config-")), "nudgebot.yml");
  writeFileSync(file, yaml);
  return file;
}

describe("DATA_SOURCE=hubspot, run as a process against a server that speaks HubSpot's API", () => {
  it("check-config reads the portal and says which rules are off and which property turns each on", async () => {
    fake = await startFakeHubspot(stockPortal());
    const run = await runCliAsync(["check-config"], {
      DATA_SOURCE: "hubspot",
      HUBSPOT_API_URL: fake.url,
      HUBSPOT_ACCESS_TOKEN: fake.token,
      NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
      NUDGEBOT_CONFIG: configFile("hubspot:\n  teamManagers:\n    East: maya@acme.test\n"),
      ...SLACK,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('HUBSPOT_ACCESS_TOKEN: "****** (set, 18 characters)"');
    expect(run.stdout).not.toContain(fake.token);
    expect(run.stdout).toContain("Rules on hubspot:\n  next-step-missing              on\n");
    expect(run.stdout).toContain(
      "  deck-missing                   off  no field for opportunity.deckUrl: map hubspot.propertyMap.deal.deckUrl\n",
    );
    expect(run.stderr).toContain("Connected to HubSpot portal 4455667.");
    expect(run.stderr).toContain("Configuration is valid.");
  });

  it("check-config refuses a text property mapped to an amount, naming the key", async () => {
    fake = await startFakeHubspot(stockPortal());
    const run = await runCliAsync(["check-config"], {
      DATA_SOURCE: "hubspot",
      HUBSPOT_API_URL: fake.url,
      HUBSPOT_ACCESS_TOKEN: fake.token,
      NUDGEBOT_CONFIG: configFile("hubspot:\n  propertyMap:\n    deal:\n      amount: dealname\n"),
      ...SLACK,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "Configuration error: hubspot.propertyMap.deal.amount: dealname is a string property; amount needs a number.",
    );
  });

  it("scan prints findings with stage labels and converted money; a refused token is one clear line and exit 1", async () => {
    fake = await startFakeHubspot(stockPortal());
    const env = { DATA_SOURCE: "hubspot", HUBSPOT_API_URL: fake.url, NUDGEBOT_NOW: "2026-03-10T15:00:00Z" };
    const run = await runCliAsync(["scan", "--dry-run"], { ...env, HUBSPOT_ACCESS_TOKEN: fake.token });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Globex renewal  [Renewal Open · €9,600 (≈ $10,105) · closes 2026-03-01]");
    expect(run.stdout).toContain("Acme new seats  [Appointment Scheduled · $20,000 · closes 2026-04-30]");
    const refused = await runCliAsync(["scan", "--dry-run"], {
      ...env,
      HUBSPOT_ACCESS_TOKEN: "pat-na1-expired",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("HUBSPOT_ACCESS_TOKEN was refused");
    expect(refused.stderr).not.toContain("pat-na1-expired");
  });

  it("refuses to start without a token, naming the variable", async () => {
    const run = await runCliAsync(["check-config"], { DATA_SOURCE: "hubspot", ...SLACK });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("HUBSPOT_ACCESS_TOKEN: needed to read HubSpot");
  });
});
