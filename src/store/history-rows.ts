// Row shapes of the finding history tables, shared by the SQLite and PostgreSQL stores.
import type { Episode, Resolution, WeeklyScore } from "../domain/episodes.ts";
import type { RecordType, RuleId } from "../domain/findings.ts";

export interface EpisodeRow {
  rule: string;
  record_id: string;
  record_type: string;
  owner: string;
  opened_at: string;
  opened_on: string;
  nudged_on: string | null;
  snoozed_on: string | null;
  resolved_on: string | null;
  resolution: string | null;
}

/**
 * Where the history ends: the last scan instant that opened an episode, and the latest local date
 * anything was opened, nudged or resolved on (both null when the history is empty).
 */
export const HISTORY_END = `SELECT
  (SELECT MAX(opened_at) FROM finding_episodes) AS last_opened_at,
  (SELECT MAX(day) FROM (
    SELECT MAX(opened_on) AS day FROM finding_episodes
    UNION ALL SELECT MAX(nudged_on) FROM finding_episodes
    UNION ALL SELECT MAX(resolved_on) FROM finding_episodes
  ) AS ends) AS last_day`;

export interface HistoryEndRow {
  last_opened_at: string | null;
  last_day: string | null;
}

export const toHistoryEnd = (row: HistoryEndRow | undefined) =>
  row?.last_opened_at && row.last_day
    ? { lastOpenedAt: new Date(row.last_opened_at), lastDay: row.last_day }
    : null;

export const EPISODE_COLUMNS =
  "rule, record_id, record_type, owner, opened_at, opened_on, nudged_on, snoozed_on, resolved_on, resolution";

export function toEpisode(row: EpisodeRow): Episode {
  return {
    rule: row.rule as RuleId,
    recordId: row.record_id,
    recordType: row.record_type as RecordType,
    owner: row.owner,
    openedAt: row.opened_at,
    openedOn: row.opened_on,
    nudgedOn: row.nudged_on,
    snoozedOn: row.snoozed_on,
    resolvedOn: row.resolved_on,
    resolution: row.resolution as Resolution | null,
  };
}

export function toWeeklyScore(row: {
  rep_email: string;
  week: string;
  skill: string;
  applicable: number;
  clean: number;
}): WeeklyScore {
  return {
    rep: row.rep_email,
    week: row.week,
    skill: row.skill,
    applicable: Number(row.applicable),
    clean: Number(row.clean),
  };
}

/** The same from a row read as an array in EPISODE_COLUMNS order (cheaper for many rows). */
export function episodeFromValues(values: unknown[]): Episode {
  const [rule, recordId, recordType, owner, openedAt, openedOn, nudgedOn, snoozedOn, resolvedOn, resolution] =
    values as (string | null)[];
  return {
    rule: rule as RuleId,
    recordId: recordId as string,
    recordType: recordType as RecordType,
    owner: owner as string,
    openedAt: openedAt as string,
    openedOn: openedOn as string,
    nudgedOn: nudgedOn ?? null,
    snoozedOn: snoozedOn ?? null,
    resolvedOn: resolvedOn ?? null,
    resolution: (resolution ?? null) as Resolution | null,
  };
}
