import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePipeline, SAMPLE_SIZE } from "../../scripts/sample-data/generate-pipeline.ts";
import { writeSnapshotCsv } from "../../scripts/sample-data/write-csv.ts";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { RULE_IDS } from "../../src/domain/findings.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { SAMPLE_FOLDER, SAMPLE_NOW, sampleSource } from "../../src/sources/sample/sample-source.ts";

describe("the bundled sample", () => {
  it("is a team of 40 across timezones with 3 managers and an admin, 400 accounts, 2,500 opportunities", async () => {
    const { snapshot, issues } = await sampleSource().load();
    expect(issues).toEqual([]);
    expect(snapshot.reps).toHaveLength(40);
    expect(snapshot.accounts).toHaveLength(400);
    expect(snapshot.opportunities).toHaveLength(2_500);
    expect(snapshot.reps.filter((rep) => rep.role === "manager")).toHaveLength(3);
    expect(snapshot.reps.filter((rep) => rep.role === "admin")).toHaveLength(1);
    const regions = new Set(snapshot.reps.map((rep) => rep.timezone.split("/")[0]));
    expect(regions).toEqual(new Set(["America", "Europe", "Asia", "Australia"]));
    expect(new Set(snapshot.reps.map((rep) => rep.segment))).toEqual(new Set(["SMB", "MM"]));
  });

  it("exercises every rule at the demo time, with clean records too", async () => {
    const { snapshot } = await sampleSource().load();
    const evaluation = evaluatePipeline(snapshot, {
      now: SAMPLE_NOW,
      settings: DEFAULT_RULE_SETTINGS,
      defaultTimezone: "UTC",
    });
    const fired = new Set<string>();
    for (const owner of evaluation.owners.values())
      for (const group of owner.records) for (const finding of group.findings) fired.add(finding.rule);
    expect([...fired].sort()).toEqual([...RULE_IDS].sort());
    const flagged = [...evaluation.owners.values()].reduce((sum, owner) => sum + owner.records.length, 0);
    expect(flagged).toBeLessThan((snapshot.opportunities.length + snapshot.accounts.length) / 2);
  });

  it("is exactly what the generator script writes", () => {
    const folder = mkdtempSync(join(tmpdir(), "nudgebot-sample-"));
    writeSnapshotCsv(generatePipeline(SAMPLE_SIZE), folder);
    for (const file of ["reps.csv", "accounts.csv", "opportunities.csv"]) {
      expect(readFileSync(join(folder, file), "utf8")).toBe(readFileSync(join(SAMPLE_FOLDER, file), "utf8"));
    }
  });
});
