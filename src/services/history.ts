// Writes the finding history after each scan that read the pipeline: episodes opened, resolved and
// first nudged (from the digests actually delivered), and this week's Required 7 scores. Only what
// changed is written. History is bookkeeping: a failure here is logged and never stops a nudge.
// The open episodes are read once and then kept in step with this process's own writes; they are
// read again whenever the store's history version shows that someone else wrote.
import { rulesOn } from "../domain/availability.ts";
import { addDays, localDate } from "../domain/dates.ts";
import type { WorkingDayCounter } from "../domain/effectiveness-tallies.ts";
import {
  type CurrentFinding,
  diffEpisodes,
  type EpisodeChanges,
  isoWeek,
  makeGoneCheck,
  OpenEpisodes,
  type WeeklyScore,
} from "../domain/episodes.ts";
import type { PipelineEvaluation } from "../domain/evaluate.ts";
import type { RuleId } from "../domain/findings.ts";
import { type HoldoutSettings, holdoutStart } from "../domain/holdout-window.ts";
import type { IsoDate, Snapshot } from "../domain/model.ts";
import { type WeeklyRule, weeklyOn } from "../domain/weekly-rules.ts";
import type { Logger } from "../logging.ts";
import type { Store } from "../store/store.ts";
import { digestKey } from "./outbox-keys.ts";

export interface HistoryDeps {
  store: Pick<Store, "history">;
  logger: Logger;
  defaultTimezone: string;
  /** The working days of a fix since its nudge, as the report counts them (each rep's calendar). */
  workingDays: WorkingDayCounter;
  /**
   * The proof by holdout as configured: each new episode keeps the arm it is given when it opens
   * (off when the holdout is). Left out, new episodes keep none and the report works theirs out.
   */
  holdout?: HoldoutSettings | undefined;
  /**
   * The rules waiting for the weekly cleanup, given the rules that run. A finding first seen while
   * its rule is weekly is not nudged daily in either arm, so it stays out of the holdout's comparison.
   */
  weeklyRules?: (on: ReadonlySet<RuleId>) => Promise<readonly WeeklyRule[]>;
}

export interface ScanSeen {
  snapshot: Snapshot;
  evaluation: PipelineEvaluation;
  /** When the snapshot was read: the same read is recorded once. */
  readAt: Date;
}

/** Earlier fixes counted after one scan: bounded, so one scan's bookkeeping stays short. */
const OLD_FIXES_PER_SCAN = 20_000;

export class HistoryService {
  private lastReadAt: Date | null = null;
  /** Scores already written by this process, so an unchanged week is not written again. */
  private readonly written = new Map<string, string>();
  /** Whether fixes written before their working days were kept are all counted now. */
  private oldFixesCounted = false;
  /** Whether every episode written before holdout arms were kept has one now. */
  private oldArmsKept = false;
  /** The open episodes as of history version `version`; null until read. */
  private open: { version: number; episodes: OpenEpisodes } | null = null;

  constructor(private readonly deps: HistoryDeps) {}

  /**
   * After a nudge cycle: records a new read, or digests just delivered from an old one. Never
   * throws: the cycle's nudges matter more than its bookkeeping.
   */
  async afterCycle(seen: ScanSeen, now: Date, delivered: number): Promise<void> {
    if (seen.readAt === this.lastReadAt && delivered === 0) return;
    try {
      await this.record(seen, now);
      this.lastReadAt = seen.readAt;
    } catch (error) {
      this.deps.logger.error({ err: error }, "could not write the finding history; the next scan will");
      return;
    }
    try {
      if (!this.oldFixesCounted) this.oldFixesCounted = await this.countOldFixes();
    } catch (error) {
      this.deps.logger.error(
        { err: error },
        "could not count the working days of earlier fixes; the report does",
      );
    }
    try {
      if (!this.oldArmsKept) this.oldArmsKept = await this.keepOldArms();
    } catch (error) {
      this.deps.logger.error(
        { err: error },
        "could not keep the holdout arms of earlier findings; the report works them out",
      );
    }
  }

  /**
   * Gives the episodes written before holdout arms were kept their arm by today's settings (`off`
   * when the holdout is off: they are not counted), their window's end and their fix's working days
   * from first seen, a batch per scan, so reports stop working them out. True when none are left.
   */
  async keepOldArms(batch = OLD_FIXES_PER_SCAN): Promise<boolean> {
    const { store, workingDays, logger, holdout } = this.deps;
    if (!holdout) return true;
    const episodes = await store.history.unknownHoldoutArms(batch);
    if (episodes.length === 0) return true;
    const ends = new Map<string, IsoDate | null>();
    await store.history.saveHoldoutArms(
      episodes.map((episode) => ({
        ...episode,
        ...holdoutStart(episode, holdout, workingDays, ends),
        seenDaysToFix:
          episode.resolution === "fixed" && episode.resolvedOn !== null
            ? workingDays(episode.owner, episode.openedOn, episode.resolvedOn)
            : null,
      })),
    );
    logger.info({ episodes: episodes.length }, "kept the holdout arms of earlier findings");
    return episodes.length < batch;
  }

  /**
   * Keeps the working days of fixes written before they were kept (history from an earlier
   * version), a batch per scan, so reports stop counting them each time. True when none are left.
   */
  async countOldFixes(batch = OLD_FIXES_PER_SCAN): Promise<boolean> {
    const { store, workingDays, logger } = this.deps;
    const fixes = await store.history.uncountedFixes(batch);
    if (fixes.length === 0) return true;
    await store.history.saveDaysToFix(
      fixes.map((fix) => ({ ...fix, daysToFix: workingDays(fix.owner, fix.nudgedOn, fix.resolvedOn) })),
    );
    logger.info({ fixes: fixes.length }, "counted the working days of earlier fixes");
    return fixes.length < batch;
  }

  /** Compares the scan's findings with the open episodes and writes what changed. */
  async record(seen: ScanSeen, now: Date): Promise<EpisodeChanges> {
    const { store, logger } = this.deps;
    const { evaluation, snapshot } = seen;
    const started = performance.now();
    const current: CurrentFinding[] = [];
    for (const owner of evaluation.owners.values())
      for (const group of owner.records)
        for (const finding of group.findings)
          current.push({
            rule: finding.rule,
            recordId: finding.recordId,
            recordType: finding.recordType,
            owner: owner.owner,
            today: owner.today,
          });
    const [open, listed] = await Promise.all([this.openEpisodes(), this.listed(evaluation)]);
    const fallbackToday = localDate(now, this.deps.defaultTimezone);
    const off = new Set(evaluation.rules.filter((state) => !state.on).map((state) => state.rule));
    const changes = diffEpisodes({
      open: open.episodes,
      current,
      listed,
      // A rule turned off (in config, or for want of a field) ends its open findings as gone, not fixed.
      isGone: makeGoneCheck(snapshot, (rule) => off.has(rule)),
      todayOf: (owner) => evaluation.owners.get(owner.toLowerCase())?.today ?? fallbackToday,
      workingDays: this.deps.workingDays,
      now,
    });
    const { holdout } = this.deps;
    if (holdout) {
      const ends = new Map<string, IsoDate | null>();
      // Unreadable weekly rules leave the holdout assigning as it would without them.
      const weekly =
        (holdout.percent > 0
          ? await this.deps.weeklyRules?.(rulesOn(evaluation.rules)).catch((error: unknown) => {
              logger.warn({ err: error }, "could not read the weekly rules for the holdout");
              return [];
            })
          : []) ?? [];
      for (const episode of changes.opened)
        Object.assign(
          episode,
          weeklyOn(weekly, episode.openedOn).has(episode.rule)
            ? { holdoutArm: "off", holdoutEndsOn: null }
            : holdoutStart(episode, holdout, this.deps.workingDays, ends),
        );
    }
    if (changes.opened.length + changes.resolved.length + changes.nudged.length > 0) {
      // Until the write is known to be the next one after what is kept, nothing kept is trusted.
      this.open = null;
      const written = await store.history.applyEpisodeChanges(changes);
      // Kept only when nobody else wrote since the last read and the store was as expected.
      if (written.asExpected && written.version === open.version + 1) {
        applyToOpen(open.episodes, changes);
        this.open = { version: written.version, episodes: open.episodes };
      }
    }
    const scores = this.changedScores(evaluation);
    if (scores.length > 0) {
      await store.history.saveWeeklyScores(scores);
      for (const score of scores) this.written.set(scoreKey(score), `${score.applicable}/${score.clean}`);
    }
    logger.info(
      {
        opened: changes.opened.length,
        resolved: changes.resolved.length,
        nudged: changes.nudged.length,
        scores: scores.length,
        ms: Math.round(performance.now() - started),
      },
      "finding history written",
    );
    return changes;
  }

  /**
   * The open episodes: those kept from this process's last write while the store's history
   * version still is that write's, else read again. The version is read first, so a write landing
   * between the two reads only causes one more read next time.
   */
  private async openEpisodes(): Promise<{ version: number; episodes: OpenEpisodes }> {
    const version = await this.deps.store.history.historyVersion();
    if (this.open?.version === version) return this.open;
    this.open = null;
    const kept = { version, episodes: new OpenEpisodes(await this.deps.store.history.openEpisodes()) };
    this.open = kept;
    return kept;
  }

  /** The open episodes now, for a digest's "new since" (null when they cannot be read). */
  async openNow(): Promise<OpenEpisodes | null> {
    try {
      return (await this.openEpisodes()).episodes;
    } catch (error) {
      this.deps.logger.error({ err: error }, "could not read the open findings of the history");
      return null;
    }
  }

  /** Marks snoozed findings in their open episodes: the report's snoozed share. */
  async snoozed(findings: { rule: RuleId; recordId: string }[], on: IsoDate): Promise<void> {
    try {
      await this.deps.store.history.markSnoozed(findings, on);
    } catch (error) {
      this.deps.logger.error({ err: error }, "could not record a snooze in the finding history");
    }
  }

  /**
   * What the delivered digests of today and yesterday (a digest may go out after a retry, past
   * midnight) put before their reps, in focus or counted in a rule line, by finding, with the
   * digest's local date; the earlier date wins. Read from the facts the bot kept with each digest.
   */
  private async listed(evaluation: PipelineEvaluation): Promise<Map<string, IsoDate>> {
    const keys = new Map<string, IsoDate>();
    for (const owner of evaluation.owners.values()) {
      if (owner.findingCount === 0) continue;
      for (const day of [addDays(owner.today, -1), owner.today]) keys.set(digestKey(owner.owner, day), day);
    }
    const payloads = await this.deps.store.history.deliveredPayloads([...keys.keys()]);
    const listed = new Map<string, IsoDate>();
    for (const [key, payload] of payloads) {
      const day = keys.get(key) as IsoDate;
      for (const fk of payload.digest?.nudged ?? []) {
        const earlier = listed.get(fk);
        if (earlier === undefined || day < earlier) listed.set(fk, day);
      }
    }
    return listed;
  }

  /** This week's scores of every rep in the scan that differ from what this process last wrote. */
  private changedScores(evaluation: PipelineEvaluation): WeeklyScore[] {
    const scores: WeeklyScore[] = [];
    for (const owner of evaluation.owners.values()) {
      if (!owner.rep) continue;
      const week = isoWeek(owner.today);
      for (const [skill, tally] of Object.entries(owner.coverage)) {
        if (tally.applicable === 0) continue;
        const score = { rep: owner.owner, week, skill, applicable: tally.applicable, clean: tally.clean };
        if (this.written.get(scoreKey(score)) !== `${tally.applicable}/${tally.clean}`) scores.push(score);
      }
    }
    return scores;
  }
}

const scoreKey = (score: WeeklyScore) => `${score.week}|${score.rep}|${score.skill}`;

/**
 * What this process's own write did to the open episodes, done to the ones it keeps. Snoozes are
 * not followed: the comparison with a scan never looks at them.
 */
function applyToOpen(open: OpenEpisodes, changes: EpisodeChanges): void {
  for (const item of changes.resolved) open.delete(item.rule, item.recordId);
  for (const episode of changes.opened) open.set(episode);
  for (const item of changes.nudged) {
    const episode = open.get(item.rule, item.recordId);
    if (episode && episode.nudgedOn === null) open.set({ ...episode, nudgedOn: item.nudgedOn });
  }
}
