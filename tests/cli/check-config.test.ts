// `nudgebot check-config` judges a configuration the way `serve` will: what serve refuses, it
// refuses too (exit 1, naming the variable), and it says where /metrics will answer.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEAM } from "../helpers/bot-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { runCli } from "../helpers/run-cli.ts";

function baseEnv(): Record<string, string> {
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, "");
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
