// Row shapes of the finding history tables and their mapping to domain records.
import { type Selectable, sql } from "kysely";
import type { Episode, Resolution, WeeklyScore } from "../domain/episodes.ts";
import type { RecordType, RuleId } from "../domain/findings.ts";
import type { EpisodeTable } from "./tables.ts";

export type EpisodeRow = Selectable<EpisodeTable>;

/**
 * Where the history ends: the last scan instant that opened an episode, and the latest local date
 * anything was opened, nudged or resolved on (both null when the history is empty).
 */
export const HISTORY_END = sql<HistoryEndRow>`SELECT
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

export function toEpisode(row: Omit<EpisodeRow, "days_to_fix">): Episode {
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
