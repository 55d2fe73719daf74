// `nudgebot report [--since YYYY-MM-DD] [--json]`: does nudging work? Per rule, from the finding
// history in the store. With --json, stdout carries one JSON object per rule and nothing else.
import { type App, workingDayCounter } from "../../app.ts";
import { isIsoDate, localDate } from "../../domain/dates.ts";
import { defaultSince, periodUntilNow } from "../../domain/effectiveness.ts";
import { UsageError } from "../../errors.ts";
import { effectivenessReport, reportJson } from "../../services/effectiveness-report.ts";
import { effectivenessTable, noisyAdvice, weeklyScoreLine } from "../../views/effectiveness-table.ts";
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
  const period = periodUntilNow(flags.since ?? defaultSince(today), now);
  const store = await app.openStore();
  try {
    const result = await effectivenessReport(store, { period, workingDays: workingDayCounter(app.config) });
    if (flags.json) {
      for (const row of result.rules) output.out(JSON.stringify(reportJson(row)));
      return 0;
    }
    output.out(`Nudge effectiveness from ${period.since} until now (${today})\n`);
    output.out(effectivenessTable(result));
    const advice = noisyAdvice(result);
    output.out(advice.length > 0 ? `\n${advice.join("\n")}` : "\nNo noisy rule.");
    output.out(`\n${weeklyScoreLine(result)}`);
    return 0;
  } finally {
    await store.close();
  }
}
