// The effectiveness report for a person in Slack: admins see everyone's, managers their team's,
// anyone else nothing. Also the current per-rule figures for /metrics, cached between scrapes.
import { addDays, localDate } from "../domain/dates.ts";
import {
  DEFAULT_PERIOD_DAYS,
  periodUntilNow,
  type RuleEffectiveness,
  type WorkingDayCounter,
} from "../domain/effectiveness.ts";
import type { PipelineEvaluation } from "../domain/evaluate.ts";
import type { HoldoutSettings } from "../domain/holdout-window.ts";
import type { Store } from "../store/store.ts";
import type { Viewer } from "./access.ts";
import { type EffectivenessReport, effectivenessReport } from "./effectiveness-report.ts";
import { membersOf } from "./team-scorecards.ts";

export interface StatsDeps {
  store: Pick<Store, "history"> & Partial<Pick<Store, "supportAlertTally">>;
  clock: () => Date;
  defaultTimezone: string;
  workingDays: WorkingDayCounter;
  /** `effectiveness.holdoutPercent` and `holdoutWorkingDays`: the holdout's verdicts when on. */
  holdout?: HoldoutSettings | undefined;
  /** A help desk is configured: everyone's report adds the support queue's breach alerts. */
  supportQueue?: boolean | undefined;
}

export interface ScopedReport {
  /** Whose findings it covers: "everyone" or "the team of <name>". */
  scope: string;
  report: EffectivenessReport;
}

/**
 * /metrics is scraped every few seconds and App Home opens often, while the report changes at most
 * once per scan: each scope's report is kept this long instead of re-reading the history each time.
 */
const CACHE_MS = 60_000;
/** Scopes kept at once: everyone, plus one per manager who looked. */
const MAX_SCOPES = 50;

export class StatsService {
  private readonly cache = new Map<string, { at: number; report: Promise<EffectivenessReport> }>();

  constructor(private readonly deps: StatsDeps) {}

  /** The last 28 days, as the viewer may see them; null for someone who is neither admin nor manager. */
  async forViewer(viewer: Viewer, evaluation: PipelineEvaluation): Promise<ScopedReport | null> {
    if (viewer.isAdmin) return { scope: "everyone", report: await this.report() };
    if (viewer.isManager && viewer.rep) {
      const owners = new Set(membersOf(viewer.rep, evaluation).map((owner) => owner.owner.toLowerCase()));
      return { scope: `the team of ${viewer.rep.name}`, report: await this.report(owners) };
    }
    return null;
  }

  /** Every rule's figures over the last 28 days, for the /metrics gauges. */
  async rules(): Promise<RuleEffectiveness[]> {
    return (await this.report()).rules;
  }

  /**
   * The report over the last `days` days up to today (28 by default), of these owners only
   * (lower-case emails: a manager's team) or of everyone.
   */
  report(owners?: ReadonlySet<string>, days = DEFAULT_PERIOD_DAYS): Promise<EffectivenessReport> {
    const now = this.deps.clock();
    const key = `${days}:${owners ? [...owners].sort().join(",") : "*"}`;
    const kept = this.cache.get(key);
    if (kept && now.getTime() - kept.at < CACHE_MS) return kept.report;
    const since = addDays(localDate(now, this.deps.defaultTimezone), -(days - 1));
    const period = periodUntilNow(since, now);
    const report = effectivenessReport(this.deps.store, {
      period,
      workingDays: this.deps.workingDays,
      holdout: this.deps.holdout,
      supportQueue: this.deps.supportQueue === true && !owners,
      ...(owners ? { owners } : {}),
    });
    // A failed read is not kept: the next look tries again.
    report.catch(() => this.cache.delete(key));
    if (this.cache.size >= MAX_SCOPES) this.cache.clear();
    this.cache.set(key, { at: now.getTime(), report });
    return report;
  }
}
