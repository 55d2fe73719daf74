// The weekly cleanup in `nudgebot demo --history`: the bot's own weekly rules (noisy flags re-read at
// each day's scan, kept in the demo's store) split each digest, and what that spared the team is
// counted, with one rep's last cleanup-day digest kept to print.
import type { App } from "../../app.ts";
import { rulesOn } from "../../domain/availability.ts";
import type { CalendarSettings } from "../../domain/calendar.ts";
import { buildDigest } from "../../domain/digest.ts";
import type { DigestPlan } from "../../domain/digest-plan.ts";
import type { WorkingDayCounter } from "../../domain/effectiveness.ts";
import type { PipelineEvaluation } from "../../domain/evaluate.ts";
import type { RuleId } from "../../domain/findings.ts";
import type { IsoDate } from "../../domain/model.ts";
import { ruleName } from "../../domain/rule-names.ts";
import { type NoisyRules, type WeeklyRule, weeklyOn } from "../../domain/weekly-rules.ts";
import { type Splitter, weeklySplitter } from "../../services/weekly-digests.ts";
import { defaultPeriodRules, WeeklyRulesService } from "../../services/weekly-rules.ts";
import type { Store } from "../../store/store.ts";
import { weeklyRulesLines } from "../../views/weekly-rules-text.ts";
import { digestText } from "../digest-text.ts";

/** The demo's noisy rules, whatever the configuration says: config/demo-history.yml's. */
export const DEMO_NOISY_RULES: NoisyRules = "weekly";

/** What the cleanup changed for one weekly rule over the demo's days. */
interface Spared {
  /** The first day (the rep's) its findings were left out of a daily digest. */
  from: IsoDate;
  /** Scan days (working days) from then on. */
  days: number;
  /** Its findings the daily digests would have listed, less those listed in a cleanup instead. */
  nudges: number;
}

export function weeklyDemo(deps: {
  app: App;
  store: Store;
  workingDays: WorkingDayCounter;
  calendar: CalendarSettings;
}) {
  const config = {
    defaultTimezone: deps.app.config.defaultTimezone,
    digest: deps.app.config.digest,
    calendar: deps.app.config.calendar,
    effectiveness: { noisyRules: DEMO_NOISY_RULES },
  };
  let now = new Date(0);
  const service = new WeeklyRulesService({
    store: deps.store,
    config,
    clock: () => now,
    logger: deps.app.logger.child({ component: "weekly-rules" }),
    report: () => defaultPeriodRules(deps.store, config, deps.workingDays, now),
    // As the bot: the flags are read again at each scan.
    scan: () => now.getTime(),
  });
  const spared = new Map<RuleId, Spared>();
  let shown: { today: IsoDate; size: number; plan: DigestPlan } | null = null;

  return {
    /** How each owner's findings split on the scan of `date`, counting what leaves the daily digests. */
    async splitter(evaluation: PipelineEvaluation, at: Date): Promise<Splitter> {
      now = at;
      let rules: WeeklyRule[] = [];
      const split = await weeklySplitter(
        {
          weekly: { current: async (on) => (rules = await service.current(on)) },
          quiet: { settings: deps.calendar },
        },
        evaluation,
      );
      const counted = new Set<RuleId>();
      return (owner, leftOut) => {
        const result = split(owner, leftOut);
        const weekly = weeklyOn(rules, owner.today);
        if (weekly.size === 0) return result;
        for (const group of buildDigest(owner, leftOut).records)
          for (const finding of group.findings) {
            if (!weekly.has(finding.rule)) continue;
            const entry = spared.get(finding.rule) ?? { from: owner.today, days: 0, nudges: 0 };
            if (owner.today < entry.from) entry.from = owner.today;
            if (!counted.has(finding.rule)) {
              entry.days += 1;
              counted.add(finding.rule);
            }
            entry.nudges += 1;
            spared.set(finding.rule, entry);
          }
        for (const line of result.weekly?.lines ?? []) {
          const entry = spared.get(line.rule);
          if (entry) entry.nudges -= line.count;
        }
        return result;
      };
    },

    /**
     * A digest as sent; the cleanup-day digest to print is the latest day's shortest one that also
     * has daily findings, so the section is seen beside the rest of a digest.
     */
    sent(plan: DigestPlan): void {
      if (!plan.weekly || plan.digest.findingCount === 0) return;
      const { today } = plan.digest;
      const size = plan.digest.findingCount + plan.weekly.count;
      if (!shown || today > shown.today || (today === shown.today && size < shown.size))
        shown = { today, size, plan };
    },

    /** Which rules are weekly and why, from when, what it spared, and one rep's cleanup-day digest. */
    async summary(evaluation: PipelineEvaluation, end: Date): Promise<string> {
      now = end;
      const rows = await service.overview(rulesOn(evaluation.rules));
      const lines = weeklyRulesLines(DEMO_NOISY_RULES, rows);
      for (const row of rows) {
        if (!row.weekly) continue;
        const entry = spared.get(row.rule);
        const name = ruleName(row.rule);
        lines.push(
          entry
            ? `${name}: flagged on ${row.weekly.since}, out of the daily digests from ${entry.from}: ` +
                `${entry.nudges.toLocaleString("en-US")} daily nudges spared over ${entry.days} working days; its findings are listed in Monday's cleanup instead.`
            : `${name}: flagged on ${row.weekly.since}; no daily digest has left it out yet.`,
        );
      }
      const last = shown as { today: IsoDate; plan: DigestPlan } | null;
      if (last) {
        const who = last.plan.digest.rep?.name ?? last.plan.digest.owner;
        lines.push("", `${who}'s digest on ${last.today}, a cleanup day:`, digestText(last.plan));
      }
      return lines.join("\n");
    },
  };
}
