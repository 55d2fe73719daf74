// `nudgebot report [--since YYYY-MM-DD] [--json]`: does nudging work? Per rule, from the finding
// history in the store. With --json, stdout carries one JSON object per rule and, when a help desk
// is configured, one for the support queue (`"queue": "support"`), and nothing else.
import { existsSync } from "node:fs";
import type { App } from "../../app.ts";
import type { DatabaseSetting } from "../../config/env-schema.ts";
import { isIsoDate, localDate } from "../../domain/dates.ts";
import { reportHeading, reportPeriod } from "../../domain/report-period.ts";
import { StoreError, UsageError } from "../../errors.ts";
import { effectivenessReport, reportJson } from "../../services/effectiveness-report.ts";
import { holdoutSettingsOf } from "../../services/holdout-digests.ts";
import { workingDayCounter } from "../../services/report-working-days.ts";
import { effectivenessTable, noisyAdvice, weeklyScoreLine } from "../../views/effectiveness-table.ts";
import { holdoutTable, provenLines } from "../../views/holdout-table.ts";
import { supportQueueJson, supportQueueLine } from "../../views/support-queue-line.ts";
import type { Output } from "../output.ts";

export interface ReportFlags {
  since: string | undefined;
  json: boolean;
}

export async function report(app: App, output: Output, flags: ReportFlags): Promise<number> {
  const now = app.clock();
  const today = localDate(now, app.config.defaultTimezone);
  if (flags.since !== undefined) {
    if (!isIsoDate(flags.since))
      throw new UsageError(`--since takes a date as YYYY-MM-DD, not "${flags.since}"`);
    if (flags.since > today) throw new UsageError(`--since ${flags.since} is after today (${today})`);
  }
  refuseMissingDatabase(app.config.database);
  const store = await app.openStore();
  try {
    const chosen = reportPeriod({
      since: flags.since,
      now,
      timezone: app.config.defaultTimezone,
      end: await store.history.historyEnd(),
    });
    const result = await effectivenessReport(store, {
      period: chosen.period,
      workingDays: workingDayCounter(app.config),
      holdout: holdoutSettingsOf(app.config),
      supportQueue: app.config.zendesk !== null,
    });
    if (flags.json) {
      // stdout stays one object per rule; which period they count is said on stderr.
      if (chosen.historyEnd) output.err(reportHeading(chosen, today));
      for (const row of result.rules)
        output.out(JSON.stringify(reportJson(row, result.holdout?.verdicts.get(row.rule) ?? null)));
      if (result.supportQueue) output.out(JSON.stringify(supportQueueJson(result.supportQueue)));
      return 0;
    }
    output.out(`${reportHeading(chosen, today)}\n`);
    output.out(effectivenessTable(result));
    const advice = noisyAdvice(result);
    output.out(advice.length > 0 ? `\n${advice.join("\n")}` : "\nNo noisy rule.");
    output.out(`\n${weeklyScoreLine(result)}`);
    if (result.holdout) {
      output.out(`\n${holdoutTable(result.holdout)}`);
      const proven = provenLines(result.holdout);
      if (proven.length > 0) output.out(`\n${proven.join("\n")}`);
    }
    if (result.supportQueue) output.out(`\n${supportQueueLine(result.supportQueue)}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A report reads a history: opening a file that is not there would only create an empty one. */
function refuseMissingDatabase(database: DatabaseSetting): void {
  if (database.kind !== "sqlite" || database.file === ":memory:" || existsSync(database.file)) return;
  throw new StoreError(
    `No database at ${database.file}: nothing has been recorded there. Set DATABASE_URL to the bot's database (after \`npm run demo -- --history\`: DATABASE_URL=sqlite:./data/demo.db).`,
  );
}
