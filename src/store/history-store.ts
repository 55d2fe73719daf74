// The part of the store port for the finding history (episodes of each rule on each record) and
// the weekly Required 7 scores the effectiveness report reads.
import type { EffectivenessTallies, Period, UncountedFix } from "../domain/effectiveness-tallies.ts";
import type { Episode, EpisodeChanges, HoldoutArmName, WeeklyScore } from "../domain/episodes.ts";
import type { HoldoutCount, HoldoutEpisode } from "../domain/holdout-window.ts";
import type { IsoDate } from "../domain/model.ts";
import type { MessagePayload } from "./outbox.ts";

/** What a write of episode changes did. */
export interface EpisodesWritten {
  /** The history version this write made: the version before it plus one. */
  version: number;
  /**
   * Whether every change found the store as the writer expected: each opened episode inserted,
   * each resolved or nudged one still open (and not nudged yet). When not, the writer's view of the
   * open episodes was out of date.
   */
  asExpected: boolean;
}

/** A fix after a nudge, named by its episode (rule, record, opening instant). */
export interface StoredFix {
  rule: string;
  recordId: string;
  openedAt: string;
  owner: string;
  nudgedOn: IsoDate;
  resolvedOn: IsoDate;
}

export interface HistoryEnd {
  lastOpenedAt: Date;
  lastDay: IsoDate;
}

export interface HistoryStore {
  /**
   * Where the history ends: the last scan that opened an episode, and the latest local date
   * anything was opened, nudged or resolved on; null when the history is empty.
   */
  historyEnd(): Promise<HistoryEnd | null>;
  /** Episodes not resolved yet: what the next scan compares its findings with. */
  openEpisodes(): Promise<Episode[]>;
  /** Open episodes first nudged on or before `nudgedBy`: the candidates for stuck findings. */
  openNudgedBy(nudgedBy: IsoDate): Promise<Episode[]>;
  /**
   * How many times episode changes were written, by anyone: a scan that kept the open episodes
   * from its own last write knows another replica wrote since when this moved on further.
   */
  historyVersion(): Promise<number>;
  /**
   * Writes one scan's changes in one transaction. Opening a finding that already has an open
   * episode (another replica got there first) does nothing; resolving or nudging touches only the
   * open episode, so replaying the same changes is harmless.
   */
  applyEpisodeChanges(changes: EpisodeChanges): Promise<EpisodesWritten>;
  /** Marks the open episodes of these findings as snoozed on `on`, unless they already were. */
  markSnoozed(findings: { rule: string; recordId: string }[], on: IsoDate): Promise<void>;
  /** Every episode that touches the period from `since`: opened, nudged or resolved in it, or still open. */
  episodesSince(since: IsoDate): Promise<Episode[]>;
  /**
   * The period's counts the effectiveness report is made of, added up by the store (as
   * `tallyEpisodes` defines them), of these owners only when given (lower-case emails); fixes
   * whose working days were never counted come apart, for the caller to count.
   */
  effectivenessTallies(
    period: Period,
    owners?: ReadonlySet<string>,
  ): Promise<{ tallies: EffectivenessTallies; uncounted: UncountedFix[] }>;
  /**
   * The holdout's arms over the episodes opened in the period (of these owners only, when given):
   * summed by the store per day first seen, rule and arm where the arm was kept when the episode
   * opened (windows passed by the period's end; fixed within `windowDays` working days of first
   * seen); the episodes from before arms were kept come apart, for the caller to count.
   */
  holdoutCounts(
    period: Period,
    windowDays: number,
    owners?: ReadonlySet<string>,
  ): Promise<{ counts: HoldoutCount[]; unknown: HoldoutEpisode[] }>;
  /** Up to `limit` episodes written before holdout arms were kept, still without one. */
  unknownHoldoutArms(limit: number): Promise<(HoldoutEpisode & { openedAt: string })[]>;
  /** Keeps what the holdout needs of these episodes, unless they have an arm already. */
  saveHoldoutArms(
    episodes: {
      rule: string;
      recordId: string;
      openedAt: string;
      holdoutArm: HoldoutArmName;
      holdoutEndsOn: IsoDate | null;
      seenDaysToFix: number | null;
    }[],
  ): Promise<void>;
  /** Up to `limit` fixes after a nudge whose working days were never kept (written before they were). */
  uncountedFixes(limit: number): Promise<StoredFix[]>;
  /** Keeps the working days of these fixes, unless some are kept already. */
  saveDaysToFix(
    fixes: (Pick<StoredFix, "rule" | "recordId" | "openedAt"> & { daysToFix: number })[],
  ): Promise<void>;
  /** Replaces the given (week, rep, skill) scores. */
  saveWeeklyScores(scores: WeeklyScore[]): Promise<void>;
  /** Scores of ISO weeks from `sinceWeek` (`2026-W09`) on. */
  weeklyScoresSince(sinceWeek: string): Promise<WeeklyScore[]>;
  /** The payloads of these outbox messages that were delivered (sent), by key. */
  deliveredPayloads(keys: string[]): Promise<Map<string, MessagePayload>>;
}
