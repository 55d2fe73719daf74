// What check-config says about the weekly cleanup: the setting, and which rules are weekly and why
// (the report's noisy flags over its default period, admins' moves), read from the bot's store.
import { existsSync } from "node:fs";
import type { App } from "../app.ts";
import { type RuleState, rulesOn } from "../domain/availability.ts";
import { workingDayCounter } from "../services/report-working-days.ts";
import { defaultPeriodRules, WeeklyRulesService } from "../services/weekly-rules.ts";
import { weeklyRulesLines } from "../views/weekly-rules-text.ts";

/** The lines to print; a store that cannot be read is said, not fatal (the config may still be valid). */
export async function weeklyRulesCheck(app: App, rules: readonly RuleState[]): Promise<string[]> {
  const { config } = app;
  const mode = config.effectiveness.noisyRules;
  const { database } = config;
  // Opening a file that is not there would only create an empty one.
  if (database.kind === "sqlite" && database.file !== ":memory:" && !existsSync(database.file)) {
    return [
      `Weekly cleanup (effectiveness.noisyRules: ${mode}): no database at ${database.file} yet, so no rule is noisy or moved.`,
    ];
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
    return weeklyRulesLines(mode, await weekly.overview(rulesOn(rules)));
  } catch (error) {
    app.logger.warn({ err: error }, "could not read the weekly rules from the store");
    return [
      `Weekly cleanup (effectiveness.noisyRules: ${mode}): the store could not be read, so which rules are weekly is not known here.`,
    ];
  } finally {
    await store?.close();
  }
}
