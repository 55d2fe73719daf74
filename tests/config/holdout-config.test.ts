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

function problemsOf(file: string): string[] {
  try {
    loadConfig({ NUDGEBOT_CONFIG: file });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("effectiveness holdout settings", () => {
  it("are off by default, with a 3 working-day window", () => {
    expect(loadConfig({ NUDGEBOT_CONFIG: yamlFile("") }).effectiveness).toMatchObject({
      holdoutPercent: 0,
      holdoutWorkingDays: 3,
    });
  });

  it("are read from the file and shown by check-config", () => {
    const config = loadConfig({
      NUDGEBOT_CONFIG: yamlFile("effectiveness: { holdoutPercent: 20, holdoutWorkingDays: 5 }"),
    });
    expect(config.effectiveness).toMatchObject({ holdoutPercent: 20, holdoutWorkingDays: 5 });
    expect(JSON.stringify(describeConfig(config))).toContain("20% of new findings held out of digests");
  });

  it("refuse a percentage outside 0–50 and a window below one whole working day, naming the key", () => {
    const high = yamlFile("effectiveness: { holdoutPercent: 60 }");
    expect(problemsOf(high)).toEqual([
      `${high}: effectiveness.holdoutPercent: expected a percentage from 0 (off) to 50`,
    ]);
    const negative = yamlFile("effectiveness: { holdoutPercent: -1 }");
    expect(problemsOf(negative)).toEqual([
      `${negative}: effectiveness.holdoutPercent: expected a percentage from 0 (off) to 50`,
    ]);
    for (const days of ["0", "1.5"]) {
      const file = yamlFile(`effectiveness: { holdoutWorkingDays: ${days} }`);
      expect(problemsOf(file)).toEqual([
        `${file}: effectiveness.holdoutWorkingDays: expected a whole number of working days, at least 1`,
      ]);
    }
  });
});
