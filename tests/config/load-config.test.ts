import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig } from "../../src/config/describe-config.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ConfigError } from "../../src/errors.ts";

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-config-")), "nudgebot.yml");
  writeFileSync(path, text);
  return path;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to SPEC's values with no environment and no file", () => {
    const config = loadConfig({ NUDGEBOT_CONFIG: yamlFile("") });
    expect(config.dataSource).toEqual({ kind: "sample" });
    expect(config.database).toEqual({ kind: "sqlite", file: "./data/nudgebot.db" });
    expect(config.port).toBe(3000);
    expect(config.slack.apiUrl).toBe("https://slack.com/api/");
    expect(config.digest).toMatchObject({ windowStart: 540, windowEnd: 1020, workingDays: [1, 2, 3, 4, 5] });
    expect(config.rules.segments.SMB.deckAmount).toBe(5_000);
    expect(config.rules.segments.MM.fullCommandPlanIacv).toBe(20_000);
    expect(config.rules.vaguePhrases).toContain("check in");
  });

  it("takes thresholds, phrases, working days and window from the YAML file", () => {
    const config = loadConfig({
      NUDGEBOT_CONFIG: yamlFile(
        [
          "digest:",
          '  windowStart: "08:30"',
          "  workingDays: [Sun, Mon, Tue, Wed, Thu]",
          "rules:",
          "  vaguePhrases: [touch base]",
          "  segments:",
          "    MM: { deckAmount: 15000 }",
        ].join("\n"),
      ),
    });
    expect(config.digest.windowStart).toBe(510);
    expect(config.digest.workingDays).toEqual([0, 1, 2, 3, 4]);
    expect(config.rules.vaguePhrases).toEqual(["touch base"]);
    expect(config.rules.segments.MM.deckAmount).toBe(15_000);
    expect(config.rules.segments.MM.commandPlanAmount).toBe(10_000);
  });

  it("names each bad environment variable on one line", () => {
    expect(
      problemsOf({
        PORT: "eighty",
        DATA_SOURCE: "excel",
        SLACK_BOT_TOKEN: "xoxp-user",
        NUDGEBOT_NOW: "yesterday",
      }),
    ).toEqual([
      'SLACK_BOT_TOKEN: expected a bot token starting with "xoxb-"',
      "PORT: expected a port number",
      'DATA_SOURCE: expected sample, csv:<folder>, salesforce or hubspot, got "excel"',
      "NUDGEBOT_NOW: expected an ISO 8601 time such as 2026-03-10T15:00:00Z",
    ]);
  });

  it("checks where /metrics goes and the token guarding it", () => {
    expect(problemsOf({ METRICS_PORT: "ninety", METRICS_TOKEN: "short" })).toEqual([
      "METRICS_PORT: expected a port number",
      "METRICS_TOKEN: expected at least 16 characters (e.g. the output of `openssl rand -hex 32`)",
    ]);
    expect(problemsOf({ PORT: "3000", METRICS_PORT: "3000" })).toEqual([
      "METRICS_PORT: 3000 is PORT too; choose another port, or leave it unset to serve /metrics on PORT",
    ]);
    const config = loadConfig({ METRICS_PORT: "9464", METRICS_TOKEN: "a-long-enough-metrics-token" });
    expect(config.metrics).toEqual({ port: 9464, token: "a-long-enough-metrics-token" });
    expect(loadConfig({}).metrics).toEqual({ port: null, token: undefined });
  });

  it("turns the admin console on with the Slack app's client id and secret, its public address and a session secret", () => {
    expect(loadConfig({}).console).toBeNull();
    const sessionSecret = "s".repeat(64);
    const config = loadConfig({
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret",
      CONSOLE_URL: "https://nudgebot.example.com/",
      CONSOLE_SESSION_SECRET: sessionSecret,
    });
    expect(config.console).toEqual({
      clientId: "1111.2222",
      clientSecret: "client-secret",
      publicUrl: "https://nudgebot.example.com",
      sessionSecret,
    });
    const shown = describeConfig(config).environment as Record<string, unknown>;
    expect(shown.SLACK_CLIENT_SECRET).toBe("****** (set, 13 characters)");
    expect(shown.CONSOLE_SESSION_SECRET).toBe("****** (set, 64 characters)");
    expect(JSON.stringify(describeConfig(config))).not.toContain("client-secret");
    expect(JSON.stringify(describeConfig(config))).not.toContain(sessionSecret);
    expect(problemsOf({ SLACK_CLIENT_ID: "1111.2222" })).toEqual([
      "SLACK_CLIENT_SECRET: needed with SLACK_CLIENT_ID for the admin console (Basic Information → App Credentials)",
    ]);
    expect(
      problemsOf({
        SLACK_CLIENT_ID: "1111.2222",
        SLACK_CLIENT_SECRET: "client-secret",
        CONSOLE_SESSION_SECRET: sessionSecret,
      }),
    ).toEqual([
      "CONSOLE_URL: needed for the admin console: the address people open it at, e.g. https://nudgebot.example.com (Slack sends them back to <CONSOLE_URL>/admin/auth/callback)",
    ]);
    expect(problemsOf({ CONSOLE_URL: "https://nudgebot.example.com/admin" })).toEqual([
      "CONSOLE_URL: expected the address alone, without a path (the console lives at /admin on it)",
    ]);
  });

  it("refuses a console without its own session secret, a short one, or plain http off this machine", () => {
    const on = { SLACK_CLIENT_ID: "1111.2222", SLACK_CLIENT_SECRET: "client-secret" };
    expect(problemsOf({ ...on, CONSOLE_URL: "https://nudgebot.example.com" })).toEqual([
      "CONSOLE_SESSION_SECRET: needed for the admin console: a random secret of at least 32 characters that signs its cookies (generate one with `openssl rand -hex 32`)",
    ]);
    expect(
      problemsOf({ ...on, CONSOLE_URL: "https://nudgebot.example.com", CONSOLE_SESSION_SECRET: "too-short" }),
    ).toEqual([
      "CONSOLE_SESSION_SECRET: expected at least 32 characters (e.g. the output of `openssl rand -hex 32`)",
    ]);
    const secret = { CONSOLE_SESSION_SECRET: "s".repeat(32) };
    expect(problemsOf({ ...on, ...secret, CONSOLE_URL: "http://nudgebot.example.com" })).toEqual([
      "CONSOLE_URL: expected an https:// address (plain http is allowed for 127.0.0.1 and localhost only: console sessions would travel unencrypted)",
    ]);
    expect(loadConfig({ ...on, ...secret, CONSOLE_URL: "http://127.0.0.1:3000" }).console?.publicUrl).toBe(
      "http://127.0.0.1:3000",
    );
    expect(loadConfig({ ...on, ...secret, CONSOLE_URL: "http://localhost:3000" }).console?.publicUrl).toBe(
      "http://localhost:3000",
    );
  });

  it("names the bad key of the YAML file, typos included", () => {
    const file = yamlFile("rules:\n  segments:\n    SMB: { deckAmout: 4000, activityDays: -1 }\n");
    const problems = problemsOf({ NUDGEBOT_CONFIG: file });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`${file}: rules.segments.SMB.activityDays: expected days ≥ 0`);
    expect(problems[1]).toMatch(
      new RegExp(`^${file}: rules\\.segments\\.SMB: Unrecognized key: "deckAmout"`),
    );
  });

  it("reports a missing explicit file and broken YAML", () => {
    expect(problemsOf({ NUDGEBOT_CONFIG: "/nope/nudgebot.yml" })).toEqual([
      "NUDGEBOT_CONFIG: no file at /nope/nudgebot.yml",
    ]);
    expect(problemsOf({ NUDGEBOT_CONFIG: yamlFile("rules: [unclosed") })[0]).toMatch(/not valid YAML/);
  });

  it("rejects a digest window that ends before it starts", () => {
    const file = yamlFile('digest: { windowStart: "17:00", windowEnd: "09:00" }');
    expect(problemsOf({ NUDGEBOT_CONFIG: file })).toEqual([
      `${file}: digest.windowEnd: windowEnd must be later than windowStart`,
    ]);
  });

  it("masks secrets when describing the effective configuration", () => {
    const config = loadConfig({
      NUDGEBOT_CONFIG: yamlFile(""),
      SLACK_BOT_TOKEN: "xoxb-1234-5678-secretsecret",
      SLACK_SIGNING_SECRET: "8f14e45fceea167a5a36dedd4bea2543",
      DATABASE_URL: "postgres://bot:hunter2@db.internal:5432/nudgebot",
    });
    const text = JSON.stringify(describeConfig(config));
    expect(text).not.toContain("secretsecret");
    expect(text).not.toContain("8f14e45f");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("xoxb-****** (set, 27 characters)");
    expect(text).toContain("postgres://bot:******@db.internal:5432/nudgebot");
  });

  it("keeps sent messages 30 days unless outbox.retentionDays says otherwise, in whole days", () => {
    expect(loadConfig({ NUDGEBOT_CONFIG: yamlFile("") }).outbox).toEqual({ retentionDays: 30 });
    expect(loadConfig({ NUDGEBOT_CONFIG: "config/nudgebot.yml" }).outbox).toEqual({ retentionDays: 30 });
    expect(
      loadConfig({ NUDGEBOT_CONFIG: yamlFile("outbox: { retentionDays: 90 }") }).outbox.retentionDays,
    ).toBe(90);
    const file = yamlFile("outbox: { retentionDays: 0.5 }");
    expect(problemsOf({ NUDGEBOT_CONFIG: file })).toEqual([
      `${file}: outbox.retentionDays: expected whole days`,
    ]);
  });
});
