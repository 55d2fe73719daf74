// The weekly cleanup as the one-shot commands read it: which rules are weekly and why (the report's
// noisy flags over its default period, admins' moves), from the bot's store and without writing to
// it; check-config prints them, `scan --dry-run` splits its digests by them.
import { existsSync } from "node:fs";
import type { App } from "../app.ts";
import { type RuleState, rulesOn } from "../domain/availability.ts";
import type { WeeklyRule } from "../domain/weekly-rules.ts";
import { workingDayCounter } from "../services/report-working-days.ts";
import { defaultPeriodRules, type WeeklyRuleRow, WeeklyRulesService } from "../services/weekly-rules.ts";
import { weeklyRulesLines } from "../views/weekly-rules-text.ts";

/** The rows, or why they are not known (no database yet, or a store that cannot be read). */
export type WeeklyRead = { rows: WeeklyRuleRow[] } | { note: string };

export async function readWeeklyRules(app: App, rules: readonly RuleState[]): Promise<WeeklyRead> {
  const { config } = app;
  const { database } = config;
  // Opening a file that is not there would only create an empty one.
  if (database.kind === "sqlite" && database.file !== ":memory:" && !existsSync(database.file)) {
    return { note: `no database at ${database.file} yet, so no rule is noisy or moved.` };
  }
  let store: Awaited<ReturnType<App["openStore"]>> | null = null;
  try {
    store = await app.openStore();
    const opened = store;
    const now = app.clock();
    const weekly = new WeeklyRulesService({
      store: opened,
      config,
      clock: app.clock,
      logger: app.logger,
      record: false,
      report: () => defaultPeriodRules(opened, config, workingDayCounter(config), now),
    });
    return { rows: await weekly.overview(rulesOn(rules)) };
  } catch (error) {
    app.logger.warn({ err: error }, "could not read the weekly rules from the store");
    return { note: "the store could not be read, so which rules are weekly is not known here." };
  } finally {
    await store?.close();
  }
}

/** The weekly rules of a read (none when unknown). */
export const weeklyOf = (read: WeeklyRead): WeeklyRule[] =>
  "rows" in read ? read.rows.flatMap((row) => (row.weekly ? [row.weekly] : [])) : [];

/** check-config's lines: the setting, and which rules are weekly and why. */
export async function weeklyRulesCheck(app: App, rules: readonly RuleState[]): Promise<string[]> {
  const mode = app.config.effectiveness.noisyRules;
  const read = await readWeeklyRules(app, rules);
  return "rows" in read
    ? weeklyRulesLines(mode, read.rows)
    : [`Weekly cleanup (effectiveness.noisyRules: ${mode}): ${read.note}`];
}
