// The finding history and weekly scores in SQLite: one transaction per scan, prepared statements.
import type Database from "better-sqlite3";
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
  episodeFromValues,
  HISTORY_END,
  type HistoryEndRow,
  toHistoryEnd,
  toWeeklyScore,
} from "../history-rows.ts";
import type { EpisodesWritten, HistoryEnd, HistoryStore, StoredFix } from "../history-store.ts";
import type { MessagePayload } from "../outbox.ts";

type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

export class SqliteHistory implements Sync<HistoryStore> {
  constructor(private readonly db: Database.Database) {}

  historyEnd(): HistoryEnd | null {
    return toHistoryEnd(this.db.prepare(HISTORY_END).get() as HistoryEndRow | undefined);
  }

  openEpisodes(): Episode[] {
    const rows = this.db
      .prepare(`SELECT ${EPISODE_COLUMNS} FROM finding_episodes WHERE resolved_on IS NULL`)
      .raw()
      .all() as unknown[][];
    return rows.map(episodeFromValues);
  }

  historyVersion(): number {
    const row = this.db.prepare("SELECT version FROM history_version WHERE id = 1").get() as {
      version: number;
    };
    return row.version;
  }

  applyEpisodeChanges(changes: EpisodeChanges): EpisodesWritten {
    const open = this.db.prepare(
      `INSERT INTO finding_episodes (${EPISODE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL) ON CONFLICT DO NOTHING`,
    );
    const nudge = this.db.prepare(
      "UPDATE finding_episodes SET nudged_on = ? WHERE rule = ? AND record_id = ? AND resolved_on IS NULL AND nudged_on IS NULL",
    );
    const resolve = this.db.prepare(
      "UPDATE finding_episodes SET resolved_on = ?, resolution = ?, days_to_fix = ? WHERE rule = ? AND record_id = ? AND resolved_on IS NULL",
    );
    const bump = this.db.prepare(
      "UPDATE history_version SET version = version + 1 WHERE id = 1 RETURNING version",
    );
    return this.db
      .transaction(() => {
        // Resolutions first: a finding resolved and opened again in one batch keeps both episodes.
        let touched = 0;
        for (const item of changes.resolved)
          touched += resolve.run(
            item.resolvedOn,
            item.resolution,
            item.daysToFix,
            item.rule,
            item.recordId,
          ).changes;
        for (const e of changes.opened)
          touched += open.run(
            e.rule,
            e.recordId,
            e.recordType,
            e.owner,
            e.openedAt,
            e.openedOn,
            e.nudgedOn,
            e.snoozedOn,
          ).changes;
        for (const item of changes.nudged)
          touched += nudge.run(item.nudgedOn, item.rule, item.recordId).changes;
        const { version } = bump.get() as { version: number };
        const expected = changes.resolved.length + changes.opened.length + changes.nudged.length;
        return { version, asExpected: touched === expected };
      })
      .immediate();
  }

  markSnoozed(findings: { rule: string; recordId: string }[], on: string): void {
    const mark = this.db.prepare(
      "UPDATE finding_episodes SET snoozed_on = ? WHERE rule = ? AND record_id = ? AND resolved_on IS NULL AND snoozed_on IS NULL",
    );
    this.db.transaction(() => {
      for (const finding of findings) mark.run(on, finding.rule, finding.recordId);
    })();
  }

  episodesSince(since: string): Episode[] {
    const rows = this.db
      .prepare(
        `SELECT ${EPISODE_COLUMNS} FROM finding_episodes
         WHERE resolved_on IS NULL OR resolved_on >= ? OR opened_on >= ? OR nudged_on >= ?`,
      )
      .raw()
      .all(since, since, since) as unknown[][];
    return rows.map(episodeFromValues);
  }

  effectivenessTallies(
    period: Period,
    owners?: ReadonlySet<string>,
  ): { tallies: EffectivenessTallies; uncounted: UncountedFix[] } {
    const sql = countQueries({
      since: "@since",
      until: "@until",
      owners: owners ? "AND lower(owner) IN (SELECT value FROM json_each(@owners))" : "",
    });
    const params: Record<string, string> = { since: period.since, until: period.until };
    if (owners) params.owners = JSON.stringify([...owners]);
    const rows = <T>(query: string): T[] => {
      // Each query names only some of the parameters; SQLite refuses the others.
      const named = Object.fromEntries(Object.entries(params).filter(([name]) => query.includes(`@${name}`)));
      return this.db.prepare(query).all(named) as T[];
    };
    return toTallies({
      opened: rows<OpenedRow>(sql.opened),
      open: rows<OpenRow>(sql.open),
      nudges: rows<NudgeRow>(sql.nudges),
      uncounted: rows<UncountedRow>(sql.uncounted),
    });
  }

  uncountedFixes(limit: number): StoredFix[] {
    const rows = this.db
      .prepare(
        `SELECT rule, record_id, opened_at, owner, nudged_on, resolved_on FROM finding_episodes
         WHERE resolution = 'fixed' AND days_to_fix IS NULL AND nudged_on IS NOT NULL LIMIT ?`,
      )
      .raw()
      .all(limit) as string[][];
    return rows.map(([rule, recordId, openedAt, owner, nudgedOn, resolvedOn]) => ({
      rule: rule as string,
      recordId: recordId as string,
      openedAt: openedAt as string,
      owner: owner as string,
      nudgedOn: nudgedOn as string,
      resolvedOn: resolvedOn as string,
    }));
  }

  saveDaysToFix(fixes: { rule: string; recordId: string; openedAt: string; daysToFix: number }[]): void {
    const save = this.db.prepare(
      "UPDATE finding_episodes SET days_to_fix = ? WHERE rule = ? AND record_id = ? AND opened_at = ? AND days_to_fix IS NULL",
    );
    this.db.transaction(() => {
      for (const fix of fixes) save.run(fix.daysToFix, fix.rule, fix.recordId, fix.openedAt);
    })();
  }

  saveWeeklyScores(scores: WeeklyScore[]): void {
    const save = this.db.prepare(
      `INSERT INTO weekly_scores (rep_email, week, skill, applicable, clean) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (week, rep_email, skill) DO UPDATE SET applicable = excluded.applicable, clean = excluded.clean`,
    );
    this.db.transaction(() => {
      for (const s of scores) save.run(s.rep, s.week, s.skill, s.applicable, s.clean);
    })();
  }

  weeklyScoresSince(sinceWeek: string): WeeklyScore[] {
    const rows = this.db
      .prepare(
        "SELECT rep_email, week, skill, applicable, clean FROM weekly_scores WHERE week >= ? ORDER BY week, rep_email, skill",
      )
      .all(sinceWeek) as Parameters<typeof toWeeklyScore>[0][];
    return rows.map(toWeeklyScore);
  }

  deliveredPayloads(keys: string[]): Map<string, MessagePayload> {
    const found = new Map<string, MessagePayload>();
    const get = this.db.prepare("SELECT payload FROM outbox WHERE key = ? AND status = 'sent'");
    for (const key of keys) {
      const row = get.get(key) as { payload: string } | undefined;
      if (row) found.set(key, JSON.parse(row.payload) as MessagePayload);
    }
    return found;
  }
}

/** The history port over SQLite: the same calls, answered synchronously inside promises. */
export function sqliteHistoryStore(db: Database.Database): HistoryStore {
  const history = new SqliteHistory(db);
  return {
    openEpisodes: async () => history.openEpisodes(),
    historyEnd: async () => history.historyEnd(),
    historyVersion: async () => history.historyVersion(),
    applyEpisodeChanges: async (changes) => history.applyEpisodeChanges(changes),
    markSnoozed: async (findings, on) => history.markSnoozed(findings, on),
    episodesSince: async (since) => history.episodesSince(since),
    effectivenessTallies: async (period, owners) => history.effectivenessTallies(period, owners),
    uncountedFixes: async (limit) => history.uncountedFixes(limit),
    saveDaysToFix: async (fixes) => history.saveDaysToFix(fixes),
    saveWeeklyScores: async (scores) => history.saveWeeklyScores(scores),
    weeklyScoresSince: async (sinceWeek) => history.weeklyScoresSince(sinceWeek),
    deliveredPayloads: async (keys) => history.deliveredPayloads(keys),
  };
}
