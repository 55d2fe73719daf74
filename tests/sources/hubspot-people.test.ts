import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { ConfigError } from "../../src/errors.ts";
import { createSource } from "../../src/sources/registry.ts";
import { type FakeHubspot, startFakeHubspot } from "../helpers/fake-hubspot.ts";
import { stockPortal } from "../helpers/hubspot-portal.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

let fake: FakeHubspot | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-hubspot-")), name);
  writeFileSync(path, text);
  return path;
}

describe("DATA_SOURCE=hubspot through the registry", () => {
  it("takes managers, roles and time zones from hubspot.peopleFile, and reads datetimes in the rep's zone", async () => {
    fake = await startFakeHubspot(stockPortal());
    const people = file(
      "reps.csv",
      [
        "email,name,segment,timezone,managerEmail,role,startDate",
        "ava@acme.test,Ava Reyes,SMB,Pacific/Auckland,maya@acme.test,ae,2025-01-06",
        "maya@acme.test,Maya Lind,SMB,America/New_York,,manager,2024-01-08",
      ].join("\n"),
    );
    const config = loadConfig({
      DATA_SOURCE: "hubspot",
      HUBSPOT_ACCESS_TOKEN: fake.token,
      HUBSPOT_API_URL: fake.url,
      NUDGEBOT_CONFIG: file("nudgebot.yml", `hubspot:\n  peopleFile: ${people}\n`),
    });
    const source = createSource(config, {
      logger: quietLogger,
      closedWithinDays: 30,
      currency: "USD",
      currencies: {},
      clock: () => new Date("2026-03-10T15:00:00Z"),
    });
    expect(source.linkLabel).toBe("HubSpot");
    const { snapshot } = await source.load();
    const ava = snapshot.reps.find((rep) => rep.email === "ava@acme.test");
    expect(ava).toMatchObject({
      timezone: "Pacific/Auckland",
      managerEmail: "maya@acme.test",
      segment: "SMB",
    });
    // 2026-04-30T16:00Z is already 1 May in Auckland.
    expect(snapshot.opportunities.find((opp) => opp.id === "101")?.closeDate).toBe("2026-05-01");
  });

  it("refuses a property name that cannot be one, naming the key", () => {
    const error = (() => {
      try {
        loadConfig({
          DATA_SOURCE: "hubspot",
          HUBSPOT_ACCESS_TOKEN: "pat-na1-x",
          NUDGEBOT_CONFIG: file(
            "nudgebot.yml",
            "hubspot:\n  propertyMap:\n    deal:\n      amount: Deal Amount\n",
          ),
        });
      } catch (caught) {
        return caught as ConfigError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error?.message)).toContain(
      "hubspot.propertyMap.deal.amount: expected a HubSpot internal property name",
    );
  });
});
