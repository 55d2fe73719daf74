// `nudgebot check-config`: the effective configuration, secrets masked; then a read of the source:
// with a CRM a login and a check of every mapped field against it; for every source each
// rule on or off with the reason, which rules wait for the weekly cleanup and why, and what was left
// out; the support queue's Zendesk sign-in; then what `serve` would refuse (exit 1).
import { stringify } from "yaml";
import type { App } from "../../app.ts";
import { describeConfig } from "../../config/describe-config.ts";
import { serveNotes, serveProblems } from "../../config/serve-checks.ts";
import { formatRuleStates } from "../../domain/availability.ts";
import { segmentPipeline } from "../../domain/segments.ts";
import { triageCoverage } from "../../domain/support-breach.ts";
import { scanPipeline } from "../../services/scan-pipeline.ts";
import type { Output } from "../output.ts";
import { leftOutLine } from "../summary-text.ts";
import { weeklyRulesCheck } from "../weekly-rules-check.ts";
import { checkSupport } from "./check-support.ts";

export async function checkConfig(app: App, output: Output): Promise<number> {
  output.out(stringify(describeConfig(app.config)).trimEnd());
  if (app.source.checkAccess) {
    const { connected, errors } = await app.source.checkAccess(output.progress);
    output.done();
    output.err(connected);
    // A field of the wrong type is a mistake in the map, not a CRM without the field.
    if (errors.length > 0) {
      for (const error of errors) output.err(`Configuration error: ${error}`);
      return 1;
    }
  }
  const result = await scanPipeline({
    source: app.source,
    settings: app.config.rules,
    defaultTimezone: app.config.defaultTimezone,
    now: app.clock(),
    logger: app.logger,
    onProgress: output.progress,
  });
  output.done();
  output.out(`\nRules on ${result.source}:`);
  for (const line of formatRuleStates(result.evaluation.rules)) output.out(`  ${line}`);
  output.out("");
  for (const line of await weeklyRulesCheck(app, result.evaluation.rules)) output.out(line);
  const on = result.evaluation.rules.filter((state) => state.on).length;
  output.err(
    `Read ${result.snapshot.opportunities.length} opportunities, ${result.snapshot.accounts.length} accounts and ${result.snapshot.reps.length} reps; ${on} of ${result.evaluation.rules.length} rules on.`,
  );
  const leftOut = leftOutLine(result.evaluation);
  if (leftOut) output.err(leftOut);
  const supportOk = await checkSupport(app.config, app.logger, output);
  if (app.config.zendesk) {
    const reps = segmentPipeline(result.snapshot, app.config.rules.defaultSegment).reps;
    const { triagers, problem } = triageCoverage(reps, app.config.support.triage);
    output.err(
      problem ? `Support triage: ${problem}.` : `Support triage: ${triagers.length} reps triage off-hours.`,
    );
  }
  for (const note of serveNotes(app.config)) output.err(note);
  // What `serve` itself would refuse, decided where serve decides it.
  const problems = serveProblems(app.config);
  if (problems.length > 0) {
    for (const problem of problems) output.err(`Configuration error: ${problem}`);
    output.err(
      "`nudgebot serve` would refuse to start (`scan --dry-run`, `demo` and `report` need none of these).",
    );
    return 1;
  }
  if (!supportOk) return 1;
  output.err("Configuration is valid.");
  return 0;
}
