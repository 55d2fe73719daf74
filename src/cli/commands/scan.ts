// `nudgebot scan`: one nudge cycle now. With --dry-run nothing is sent or recorded; with --json,
// stdout carries exactly one JSON object per finding.
import type { App } from "../../app.ts";
import { createBot } from "../../app.ts";
import { planFor } from "../../domain/digest-plan.ts";
import { listFindings, type PipelineEvaluation } from "../../domain/evaluate.ts";
import { explain } from "../../domain/messages.ts";
import { splitWeekly } from "../../domain/weekly-cleanup.ts";
import { isCleanupDay, weeklyOn } from "../../domain/weekly-rules.ts";
import { runNudgeCycle } from "../../services/nudge-cycle.ts";
import { scanPipeline } from "../../services/scan-pipeline.ts";
import { formatIssue, loadFailure, type SourceLoad } from "../../sources/source.ts";
import { digestText } from "../digest-text.ts";
import type { Output } from "../output.ts";
import { findingsByRuleText, issuesLine, leftOutLine } from "../summary-text.ts";
import { readWeeklyRules, weeklyOf } from "../weekly-rules-check.ts";

export interface ScanFlags {
  dryRun: boolean;
  json: boolean;
}

export async function scan(app: App, output: Output, flags: ScanFlags): Promise<number> {
  if (!flags.dryRun) return scanAndSend(app, output, flags);
  const now = app.clock();
  const result = await scanPipeline({
    source: app.source,
    settings: app.config.rules,
    defaultTimezone: app.config.defaultTimezone,
    now,
    logger: app.logger,
    onProgress: output.progress,
  });
  output.done();
  for (const issue of result.issues) output.err(formatIssue(issue));
  if (refused(output, result)) return 1;
  const leftOut = leftOutLine(result.evaluation);
  if (leftOut) output.err(leftOut);

  if (flags.json) {
    printFindings(result.evaluation, output);
    output.err(
      `${result.evaluation.findingCount} findings from ${result.source}; ${issuesLine(result.issues)}.`,
    );
    return 0;
  }

  let withFindings = 0;
  // The weekly cleanup as the running bot would apply it, when its store is there to say.
  const weekly = weeklyOf(await readWeeklyRules(app, result.evaluation.rules));
  const calendar = {
    workingDays: app.config.digest.workingDays,
    holidays: app.config.calendar.holidays,
    daysOff: app.config.calendar.daysOff,
  };
  for (const owner of result.evaluation.owners.values()) {
    const cleanupDay = isCleanupDay(owner.rep, owner.today, calendar);
    const split = splitWeekly(owner, new Set(), weeklyOn(weekly, owner.today), cleanupDay);
    if (split.digest.findingCount === 0 && !split.weekly) continue;
    withFindings += 1;
    const plan = {
      ...planFor(split.digest, app.config.digest.focus, app.config.rules),
      weekly: split.weekly,
    };
    output.out(`${digestText(plan, app.source.linkLabel ?? null)}\n`);
  }
  output.out(`Findings by rule (dry run at ${now.toISOString()}, nothing sent or recorded):`);
  output.out(findingsByRuleText(result.evaluation));
  output.out(
    `${withFindings} of ${result.evaluation.owners.size} owners have findings; ${issuesLine(result.issues)}.`,
  );
  return 0;
}

/** The real cycle: every rep with findings gets today's digest unless it already went. */
async function scanAndSend(app: App, output: Output, flags: ScanFlags): Promise<number> {
  const bot = await createBot(app);
  try {
    // A wrong export must not nudge anyone with half a pipeline: check the read before sending.
    if (refused(output, await bot.pipeline.current())) return 1;
    output.progress("Running the nudge cycle…");
    const summary = await runNudgeCycle(bot.cycle, "now");
    output.done();
    // With --json, stdout carries the findings alone (as with --dry-run); the summary is for people.
    const say = flags.json ? output.err : output.out;
    if (flags.json) printFindings((await bot.pipeline.current()).evaluation, output);
    say(
      `${summary.findings} findings; ${summary.queued} digests queued, ${summary.alreadySent} already sent today; ` +
        `${summary.delivered} messages delivered, ${summary.waiting} waiting for a retry.`,
    );
    if (summary.notFound.length > 0) say(`Not found in Slack: ${summary.notFound.join(", ")}`);
    return 0;
  } finally {
    await bot.store.close();
  }
}

/** Says why a read cannot be used, or returns false when it can. */
function refused(output: Output, load: SourceLoad): boolean {
  const failure = loadFailure(load);
  if (failure === null) return false;
  output.done();
  output.err(failure);
  return true;
}

/** One JSON object per finding on stdout, and nothing else. */
function printFindings(evaluation: PipelineEvaluation, output: Output): void {
  for (const finding of listFindings(evaluation)) {
    output.out(
      JSON.stringify({
        rule: finding.rule,
        recordType: finding.recordType,
        recordId: finding.recordId,
        owner: finding.owner,
        skill: finding.skill,
        recordName: finding.recordName,
        problem: explain(finding).problem,
      }),
    );
  }
}
