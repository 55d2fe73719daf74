// `nudgebot check-config` judges a configuration the way `serve` will: what serve refuses, it
// refuses too (exit 1, naming the variable), and it says where /metrics will answer.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkSupport } from "../../src/cli/commands/check-support.ts";
import type { Output } from "../../src/cli/output.ts";
import { describeSupport } from "../../src/config/describe-support.ts";
import { supportSchema, supportSettings } from "../../src/config/support-schema.ts";
import { CHECK_RETRY_POLICY } from "../../src/support/zendesk/retry-policy.ts";
import { eventually, TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";
import { runCli, runCliAsync } from "../helpers/run-cli.ts";
import { startZendeskStandIn, type ZendeskStandIn } from "../helpers/zendesk-stand-in.ts";

function baseEnv(yaml = ""): Record<string, string> {
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, yaml);
  return { DATA_SOURCE: `csv:${csvFolder(TEAM)}`, NUDGEBOT_CONFIG: configFile, LOG_LEVEL: "silent" };
}

const CONSOLE = {
  SLACK_CLIENT_ID: "123.456",
  SLACK_CLIENT_SECRET: "client-secret",
  CONSOLE_URL: "http://127.0.0.1:3000",
  CONSOLE_SESSION_SECRET: "0123456789abcdef0123456789abcdef",
};

describe("nudgebot check-config", () => {
  it("refuses HTTP mode without a signing secret, as serve does, naming the variable", () => {
    const run = runCli(["check-config"], { ...baseEnv(), SLACK_BOT_TOKEN: "xoxb-test" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Configuration error: SLACK_SIGNING_SECRET: needed in HTTP mode");
    expect(run.stderr).toContain("`nudgebot serve` would refuse to start");
    expect(run.stderr).not.toContain("Configuration is valid.");
  });

  it("refuses a configuration without a bot token, naming SLACK_BOT_TOKEN", () => {
    const run = runCli(["check-config"], { ...baseEnv(), SLACK_APP_TOKEN: "xapp-test" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Configuration error: SLACK_BOT_TOKEN: needed to talk to Slack");
    expect(run.stderr).not.toContain("SLACK_SIGNING_SECRET");
  });

  it("calls valid what serve starts with", () => {
    const run = runCli(["check-config"], {
      ...baseEnv(),
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "secret",
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("Configuration is valid.");
    expect(run.stderr).not.toContain("/metrics");
  });

  it("says /metrics is refused on PORT beside the console until METRICS_TOKEN or METRICS_PORT is set", () => {
    const slack = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" };
    const open = runCli(["check-config"], { ...baseEnv(), ...slack, ...CONSOLE });
    expect(open.status).toBe(0);
    expect(open.stderr).toContain("/metrics refused on PORT: the admin console is served there");
    const withToken = runCli(["check-config"], {
      ...baseEnv(),
      ...slack,
      ...CONSOLE,
      METRICS_TOKEN: "0123456789abcdef0123456789abcdef",
    });
    expect(withToken.status).toBe(0);
    expect(withToken.stderr).not.toContain("/metrics refused");
  });
});

describe("nudgebot check-config and the support queue", () => {
  const SLACK = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" };
  let zendesk: ZendeskStandIn | null = null;
  afterEach(async () => {
    await zendesk?.close();
    zendesk = null;
  });

  it("without ZENDESK_* shows the queue's settings and says it is off", () => {
    const run = runCli(["check-config"], { ...baseEnv(), ...SLACK });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "queue: off (set ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN to turn it on)",
    );
    expect(run.stdout).toContain("  groups:\n    - Upgrades\n    - Renewals\n    - AR\n");
    expect(run.stdout).toContain("hours: Mon-Fri 08:00–17:00 America/Los_Angeles (Support's own hours)");
    expect(run.stdout).toContain("triage: every SMB rep, for breaches outside Support's hours");
    expect(run.stdout).toContain("leadMinutes: alerts go out 120 minutes before a breach\n");
    expect(run.stderr).toContain(
      "Support queue off: ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN are not set.",
    );
    expect(run.stderr).toContain("Configuration is valid.");
  });

  it("with ZENDESK_* signs in, says as whom, and names the configured groups Zendesk lacks", async () => {
    zendesk = await startZendeskStandIn();
    const yaml =
      'support:\n  groups: [Upgrades, Escalations]\n  triage: [ana@acme.test, ben@acme.test]\n  hours: {days: [Mon, Wed, Fri], start: "09:00", end: "18:00", timezone: Europe/Dublin}\n';
    const run = await runCliAsync(["check-config"], {
      ...baseEnv(yaml),
      ...SLACK,
      ZENDESK_URL: zendesk.url,
      ZENDESK_EMAIL: zendesk.email,
      ZENDESK_API_TOKEN: zendesk.token,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`queue: on, Zendesk at ${zendesk.url}\n`);
    expect(run.stdout).toContain("hours: Mon, Wed, Fri 09:00–18:00 Europe/Dublin (Support's own hours)");
    expect(run.stdout).toContain("  triage:\n    - ana@acme.test\n    - ben@acme.test\n");
    expect(run.stdout).toContain(`ZENDESK_API_TOKEN: "****** (set, ${zendesk.token.length} characters)"`);
    expect(`${run.stdout}${run.stderr}`).not.toContain(zendesk.token);
    expect(run.stderr).toContain(`Signed in to Zendesk at ${zendesk.url} as Nudgebot (nudgebot@acme.test).`);
    expect(run.stderr).toContain('Zendesk has no group named "Escalations": its tickets are not read.');
    expect(run.stderr).not.toContain('no group named "Upgrades"');
    // Neither email is a rep of the sample: the queue would never be read, and check-config says so.
    expect(run.stderr).toContain(
      "Support triage: none of the 2 emails in support.triage is a rep in the CRM: nobody triages, so the support queue is never read.",
    );
    expect(run.stderr).toContain("Configuration is valid.");
    expect(zendesk.count("GET /api/v2/users/me.json")).toBe(1);
  });

  it("says clearly that a wrong token was refused, without printing it, and exits 1", async () => {
    zendesk = await startZendeskStandIn();
    const run = await runCliAsync(["check-config"], {
      ...baseEnv(),
      ...SLACK,
      ZENDESK_URL: zendesk.url,
      ZENDESK_EMAIL: zendesk.email,
      ZENDESK_API_TOKEN: "not-the-token-123",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Configuration error: Zendesk refused the sign-in");
    expect(run.stderr).toContain("check ZENDESK_EMAIL (an agent or admin) and ZENDESK_API_TOKEN");
    expect(`${run.stdout}${run.stderr}`).not.toContain("not-the-token-123");
    expect(run.stderr).not.toContain("Configuration is valid.");
  });

  it("gives up on a Zendesk that never answers at its time limit instead of hanging", async () => {
    const silent = createServer(() => {});
    const open = new Set<Socket>();
    silent.on("connection", (socket) => {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
    });
    await new Promise<void>((ready) => silent.listen(0, "127.0.0.1", ready));
    const lines: string[] = [];
    const output: Output = {
      out: () => {},
      err: (text) => lines.push(text),
      progress: () => {},
      done: () => {},
    };
    try {
      const ok = await checkSupport(
        {
          zendesk: {
            url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
            email: "nudgebot@acme.test",
            apiToken: "zd-token",
          },
          support: supportSettings(supportSchema.parse({})),
        },
        quietLogger,
        output,
        // Each attempt's own limit is far beyond the check's: only the deadline can end the request.
        { deadlineMs: 200, retry: { ...CHECK_RETRY_POLICY, timeoutMs: 600_000 } },
      );
      expect(ok).toBe(true);
      expect(lines.join("\n")).toContain("did not answer within 0.2 s");
      // The request is dropped at the deadline, not left running to keep the command alive.
      await eventually(() => open.size === 0);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("never prints a user and password written into ZENDESK_URL", () => {
    const described = describeSupport({
      zendesk: { url: "https://bot:s3cret-pass@acme.zendesk.com", email: "bot@acme.test", apiToken: "zd" },
      support: supportSettings(supportSchema.parse({})),
    });
    expect(described.queue).toBe("on, Zendesk at https://***@acme.zendesk.com");
    expect(JSON.stringify(described)).not.toContain("s3cret-pass");
  });
});
