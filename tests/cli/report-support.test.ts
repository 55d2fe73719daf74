// `nudgebot report` with a help desk configured adds the support queue's breach alerts: a line of
// text, and with --json one object told apart from the rules' by `queue`; without one, nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/sql-store.ts";
import { runCli } from "../helpers/run-cli.ts";

async function databaseWithAlerts(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "nudgebot-report-")), "store.db");
  const store = openStore({ kind: "sqlite", file });
  await store.migrate();
  for (const ticketId of [1, 2]) {
    const metric = "first_reply_time";
    await store.recordSupportAlert(
      {
        ticketId,
        metric,
        breachAt: new Date("2026-03-10T11:00:00Z"),
        rep: "dara@example.com",
        as: "triage",
        alertedAt: new Date("2026-03-10T09:00:00Z"),
      },
      {
        key: `support-alert:${ticketId}:${metric}`,
        kind: "support-alert",
        channel: "UDARA",
        payload: { text: "x" },
      },
    );
  }
  await store.markSupportAlertTaken(
    1,
    "first_reply_time",
    "dara@example.com",
    new Date("2026-03-10T09:30:00Z"),
  );
  await store.settleSupportAlert(2, "first_reply_time", "breached", new Date("2026-03-10T11:05:00Z"));
  await store.close();
  return file;
}

describe("nudgebot report and the support queue", () => {
  it("counts breach alerts sent, taken and breached anyway only when Zendesk is configured", async () => {
    const file = await databaseWithAlerts();
    const env = { DATABASE_URL: `sqlite:${file}`, NUDGEBOT_NOW: "2026-03-12T16:00:00Z", LOG_LEVEL: "silent" };
    const zendesk = {
      ZENDESK_URL: "https://acme.zendesk.test",
      ZENDESK_EMAIL: "bot@example.com",
      ZENDESK_API_TOKEN: "zd-token",
    };
    const json = runCli(["report", "--json"], { ...env, ...zendesk });
    expect(json.status).toBe(0);
    const lines = json.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toEqual({ queue: "support", alertsSent: 2, taken: 1, breachedAnyway: 1, met: 0 });
    const text = runCli(["report"], { ...env, ...zendesk });
    expect(text.stdout).toContain("Support queue: 2 breach alerts sent, 1 taken, 1 breached anyway.");
    const off = runCli(["report", "--json"], env);
    expect(off.stdout).not.toContain('"queue"');
  });
});
