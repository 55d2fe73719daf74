// The finding history and weekly scores in PostgreSQL (same tables as SQLite). A scan's changes go
// in as arrays (unnest), so 5,000 changes are a few statements, not 5,000 round trips.
import type pg from "pg";
import type { EffectivenessTallies, Period, UncountedFix } from "../../domain/effectiveness-tallies.ts";
import type { Episode, EpisodeChanges, WeeklyScore } from "../../domain/episodes.ts";
import {
  countQueries,
  type NudgeRow,
  type OpenedRow,
  type OpenRow,
  toTallies,
  type UncountedRow,
} from "../history-counts.ts";
import {
  EPISODE_COLUMNS,
  type EpisodeRow,
  HISTORY_END,
  type HistoryEndRow,
  toEpisode,
  toHistoryEnd,
  toWeeklyScore,
} from "../history-rows.ts";
import type { EpisodesWritten, HistoryEnd, HistoryStore, StoredFix } from "../history-store.ts";
import type { MessagePayload } from "../outbox.ts";
import type { Queryable } from "./pg-outbox.ts";

export async function openEpisodes(db: Queryable): Promise<Episode[]> {
  const result = await db.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM finding_episodes WHERE resolved_on IS NULL`,
  );
  return result.rows.map(toEpisode);
}

export async function historyEnd(db: Queryable): Promise<HistoryEnd | null> {
  return toHistoryEnd((await db.query<HistoryEndRow>(HISTORY_END)).rows[0]);
}

export async function historyVersion(db: Queryable): Promise<number> {
  const result = await db.query<{ version: number }>("SELECT version FROM history_version WHERE id = 1");
  return Number(result.rows[0]?.version ?? 0);
}

/** Called inside a transaction: the version row's lock orders concurrent writers, one version each. */
export async function applyEpisodeChanges(
  client: pg.PoolClient,
  changes: EpisodeChanges,
): Promise<EpisodesWritten> {
  const { resolved, opened, nudged } = changes;
  let touched = 0;
  const bumped = await client.query<{ version: number }>(
    "UPDATE history_version SET version = version + 1 WHERE id = 1 RETURNING version",
  );
  if (resolved.length > 0) {
    const result = await client.query(
      `UPDATE finding_episodes e SET resolved_on = c.resolved_on, resolution = c.resolution, days_to_fix = c.days_to_fix
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
         AS c(rule, record_id, resolved_on, resolution, days_to_fix)
       WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL`,
      [
        resolved.map((r) => r.rule),
        resolved.map((r) => r.recordId),
        resolved.map((r) => r.resolvedOn),
        resolved.map((r) => r.resolution),
        resolved.map((r) => r.daysToFix),
      ],
    );
    touched += result.rowCount ?? 0;
  }
  if (opened.length > 0) {
    const result = await client.query(
      `INSERT INTO finding_episodes (${EPISODE_COLUMNS})
       SELECT *, NULL, NULL FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT DO NOTHING`,
      [
        opened.map((e) => e.rule),
        opened.map((e) => e.recordId),
        opened.map((e) => e.recordType),
        opened.map((e) => e.owner),
        opened.map((e) => e.openedAt),
        opened.map((e) => e.openedOn),
        opened.map((e) => e.nudgedOn),
        opened.map((e) => e.snoozedOn),
      ],
    );
    touched += result.rowCount ?? 0;
  }
  if (nudged.length > 0) {
    const result = await client.query(
      `UPDATE finding_episodes e SET nudged_on = c.nudged_on
       FROM unnest($1::text[], $2::text[], $3::text[]) AS c(rule, record_id, nudged_on)
       WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL AND e.nudged_on IS NULL`,
      [nudged.map((n) => n.rule), nudged.map((n) => n.recordId), nudged.map((n) => n.nudgedOn)],
    );
    touched += result.rowCount ?? 0;
  }
  const expected = resolved.length + opened.length + nudged.length;
  return { version: Number(bumped.rows[0]?.version), asExpected: touched === expected };
}

export async function markSnoozed(
  db: Queryable,
  findings: { rule: string; recordId: string }[],
  on: string,
): Promise<void> {
  if (findings.length === 0) return;
  await db.query(
    `UPDATE finding_episodes e SET snoozed_on = $3
     FROM unnest($1::text[], $2::text[]) AS c(rule, record_id)
     WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL AND e.snoozed_on IS NULL`,
    [findings.map((f) => f.rule), findings.map((f) => f.recordId), on],
  );
}

export async function episodesSince(db: Queryable, since: string): Promise<Episode[]> {
  const result = await db.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM finding_episodes
     WHERE resolved_on IS NULL OR resolved_on >= $1 OR opened_on >= $1 OR nudged_on >= $1`,
    [since],
  );
  return result.rows.map(toEpisode);
}

/** The report's counts: the four queries run side by side on the pool's connections. */
export async function effectivenessTallies(
  db: Queryable,
  period: Period,
  owners?: ReadonlySet<string>,
): Promise<{ tallies: EffectivenessTallies; uncounted: UncountedFix[] }> {
  const team = owners ? [...owners] : null;
  const sql = countQueries({
    since: "$1",
    until: "$2",
    owners: team ? "AND lower(owner) = ANY($3::text[])" : "",
  });
  // The open-at-end query has no first day: PostgreSQL wants every parameter it is given used.
  const openSql = countQueries({
    since: "",
    until: "$1",
    owners: team ? "AND lower(owner) = ANY($2::text[])" : "",
  });
  const params = team ? [period.since, period.until, team] : [period.since, period.until];
  const rows = async <T extends pg.QueryResultRow>(query: string, values: unknown[]): Promise<T[]> =>
    (await db.query<T>(query, values)).rows;
  const [opened, open, nudges, uncounted] = await Promise.all([
    rows<OpenedRow>(sql.opened, params),
    rows<OpenRow>(openSql.open, team ? [period.until, team] : [period.until]),
    rows<NudgeRow>(sql.nudges, params),
    rows<UncountedRow>(sql.uncounted, params),
  ]);
  return toTallies({ opened, open, nudges, uncounted });
}

export async function uncountedFixes(db: Queryable, limit: number): Promise<StoredFix[]> {
  const result = await db.query<{
    rule: string;
    record_id: string;
    opened_at: string;
    owner: string;
    nudged_on: string;
    resolved_on: string;
  }>(
    `SELECT rule, record_id, opened_at, owner, nudged_on, resolved_on FROM finding_episodes
     WHERE resolution = 'fixed' AND days_to_fix IS NULL AND nudged_on IS NOT NULL LIMIT $1`,
    [limit],
  );
  return result.rows.map((row) => ({
    rule: row.rule,
    recordId: row.record_id,
    openedAt: row.opened_at,
    owner: row.owner,
    nudgedOn: row.nudged_on,
    resolvedOn: row.resolved_on,
  }));
}

export async function saveDaysToFix(
  db: Queryable,
  fixes: { rule: string; recordId: string; openedAt: string; daysToFix: number }[],
): Promise<void> {
  if (fixes.length === 0) return;
  await db.query(
    `UPDATE finding_episodes e SET days_to_fix = c.days_to_fix
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS c(rule, record_id, opened_at, days_to_fix)
     WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.opened_at = c.opened_at AND e.days_to_fix IS NULL`,
    [
      fixes.map((f) => f.rule),
      fixes.map((f) => f.recordId),
      fixes.map((f) => f.openedAt),
      fixes.map((f) => f.daysToFix),
    ],
  );
}

export async function saveWeeklyScores(db: Queryable, scores: WeeklyScore[]): Promise<void> {
  if (scores.length === 0) return;
  await db.query(
    `INSERT INTO weekly_scores (rep_email, week, skill, applicable, clean)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[])
     ON CONFLICT (week, rep_email, skill) DO UPDATE SET applicable = excluded.applicable, clean = excluded.clean`,
    [
      scores.map((s) => s.rep),
      scores.map((s) => s.week),
      scores.map((s) => s.skill),
      scores.map((s) => s.applicable),
      scores.map((s) => s.clean),
    ],
  );
}

export async function weeklyScoresSince(db: Queryable, sinceWeek: string): Promise<WeeklyScore[]> {
  const result = await db.query(
    "SELECT rep_email, week, skill, applicable, clean FROM weekly_scores WHERE week >= $1 ORDER BY week, rep_email, skill",
    [sinceWeek],
  );
  return result.rows.map(toWeeklyScore);
}

export async function deliveredPayloads(db: Queryable, keys: string[]): Promise<Map<string, MessagePayload>> {
  const found = new Map<string, MessagePayload>();
  if (keys.length === 0) return found;
  const result = await db.query<{ key: string; payload: string }>(
    "SELECT key, payload FROM outbox WHERE key = ANY($1::text[]) AND status = 'sent'",
    [keys],
  );
  for (const row of result.rows) found.set(row.key, JSON.parse(row.payload) as MessagePayload);
  return found;
}

/** The history port over a pool; a scan's changes are written in one transaction. */
export function pgHistoryStore(
  pool: pg.Pool,
  transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
): HistoryStore {
  return {
    openEpisodes: () => openEpisodes(pool),
    historyEnd: () => historyEnd(pool),
    historyVersion: () => historyVersion(pool),
    applyEpisodeChanges: (changes) => transaction((client) => applyEpisodeChanges(client, changes)),
    markSnoozed: (findings, on) => markSnoozed(pool, findings, on),
    episodesSince: (since) => episodesSince(pool, since),
    effectivenessTallies: (period, owners) => effectivenessTallies(pool, period, owners),
    uncountedFixes: (limit) => uncountedFixes(pool, limit),
    saveDaysToFix: (fixes) => saveDaysToFix(pool, fixes),
    saveWeeklyScores: (scores) => saveWeeklyScores(pool, scores),
    weeklyScoresSince: (sinceWeek) => weeklyScoresSince(pool, sinceWeek),
    deliveredPayloads: (keys) => deliveredPayloads(pool, keys),
  };
}
