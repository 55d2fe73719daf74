import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig } from "../../src/config/describe-config.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ConfigError } from "../../src/errors.ts";

function env(yaml: string): NodeJS.ProcessEnv {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-config-")), "nudgebot.yml");
  writeFileSync(path, yaml);
  return { NUDGEBOT_CONFIG: path };
}

function problemsOf(yaml: string): string[] {
  try {
    loadConfig(env(yaml));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("effectiveness.escalateAfterWorkingDays", () => {
  it("is 5 working days unless set, and check-config shows it", () => {
    expect(loadConfig(env("")).effectiveness.escalateAfterWorkingDays).toBe(5);
    const config = loadConfig(env("effectiveness:\n  escalateAfterWorkingDays: 3\n"));
    expect(config.effectiveness.escalateAfterWorkingDays).toBe(3);
    expect(JSON.stringify(describeConfig(config).effectiveness)).toContain("3 working days");
  });

  it.each(["-1", "0", "2.5", "soon"])("refuses %s with one problem naming the key", (value) => {
    const problems = problemsOf(`effectiveness:\n  escalateAfterWorkingDays: ${value}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("effectiveness.escalateAfterWorkingDays");
  });
});
