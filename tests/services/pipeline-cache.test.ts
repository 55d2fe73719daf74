import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { PipelineCache } from "../../src/services/pipeline-cache.ts";
import type { SourceIssue } from "../../src/sources/source.ts";
import { NOW, opportunity, rep, snapshot } from "../helpers/builders.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";
import { SlowSource } from "../helpers/slow-source.ts";

function cacheOver(
  source: SlowSource | ConstructorParameters<typeof PipelineCache>[0]["source"],
  logger = quietLogger,
) {
  return new PipelineCache({
    source,
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "America/New_York",
    logger,
    clock: () => NOW,
  });
}

const team = () => snapshot({ reps: [rep()], opportunities: [opportunity({ id: "006A", nextStep: "tbd" })] });
const rulesOf006A = async (cache: PipelineCache) =>
  (await cache.current()).evaluation.owners
    .get("ava@example.com")
    ?.records.find((record) => record.record.id === "006A")
    ?.findings.map((finding) => finding.rule) ?? [];

describe("patching the cached pipeline after a write-back", () => {
  it("shows the written next step without reading the CRM again", async () => {
    const source = new SlowSource(team());
    const cache = cacheOver(source);
    expect(await rulesOf006A(cache)).toContain("next-step-vague");
    cache.patchOpportunity("006A", { nextStep: "Send the quote to their CFO", nextStepDate: "2026-03-12" });
    expect(await rulesOf006A(cache)).not.toContain("next-step-vague");
    expect((await cache.current()).snapshot.opportunities[0]?.nextStep).toBe("Send the quote to their CFO");
    expect(source.loads).toBe(1);
  });

  it("keeps a write that landed while a read was under way, and lets a later read win", async () => {
    const source = new SlowSource(team()).hold();
    const cache = cacheOver(source);
    // The read began before the write: what it returns may not have it.
    const reading = cache.current(true);
    cache.patchOpportunity("006A", { nextStep: "Send the quote to their CFO" });
    source.release();
    expect((await reading).snapshot.opportunities[0]?.nextStep).toBe("Send the quote to their CFO");
    // A read that began after the write has it (or something newer someone typed in the CRM).
    expect((await cache.current(true)).snapshot.opportunities[0]?.nextStep).toBe("tbd");
  });
});

describe("row problems in the log", () => {
  it("logs a problem once while it stays, and again if it comes back after a clean read", async () => {
    const lines: { msg: string; issue?: string }[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const bad = (line: number): SourceIssue => ({
      severity: "skipped",
      file: "opportunities.csv",
      line,
      field: "amount",
      message: "not a number",
    });
    let issues: SourceIssue[] = [bad(7)];
    const cache = cacheOver({ name: "csv", load: async () => ({ snapshot: team(), issues }) }, logger);
    await cache.current(true);
    await cache.current(true);
    expect(lines.filter((line) => line.msg === "source row problem")).toHaveLength(1);
    // A thousand reads with other problems: only the latest read's problems are remembered.
    for (let line = 1_000; line < 2_000; line++) {
      issues = [bad(line)];
      await cache.current(true);
    }
    issues = [bad(7)];
    await cache.current(true);
    const logged = lines.filter((line) => line.msg === "source row problem");
    expect(logged).toHaveLength(1_002);
    expect(logged.at(-1)?.issue).toBe("opportunities.csv, line 7, amount: not a number (row skipped)");
  });
});
