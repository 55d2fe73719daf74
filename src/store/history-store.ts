// The part of the store port for the finding history (episodes of each rule on each record) and
// the weekly Required 7 scores the effectiveness report reads.
import type { Episode, EpisodeChanges, WeeklyScore } from "../domain/episodes.ts";
import type { IsoDate } from "../domain/model.ts";
import type { MessagePayload } from "./outbox.ts";

export interface HistoryStore {
  /** Episodes not resolved yet: what the next scan compares its findings with. */
  openEpisodes(): Promise<Episode[]>;
  /**
   * Writes one scan's changes in one transaction. Opening a finding that already has an open
   * episode (another replica got there first) does nothing; resolving or nudging touches only the
   * open episode, so replaying the same changes is harmless.
   */
  applyEpisodeChanges(changes: EpisodeChanges): Promise<void>;
  /** Marks the open episodes of these findings as snoozed on `on`, unless they already were. */
  markSnoozed(findings: { rule: string; recordId: string }[], on: IsoDate): Promise<void>;
  /** Every episode that touches the period from `since`: opened, nudged or resolved in it, or still open. */
  episodesSince(since: IsoDate): Promise<Episode[]>;
  /** Replaces the given (week, rep, skill) scores. */
  saveWeeklyScores(scores: WeeklyScore[]): Promise<void>;
  /** Scores of ISO weeks from `sinceWeek` (`2026-W09`) on. */
  weeklyScoresSince(sinceWeek: string): Promise<WeeklyScore[]>;
  /** The payloads of these outbox messages that were delivered (sent), by key. */
  deliveredPayloads(keys: string[]): Promise<Map<string, MessagePayload>>;
}
