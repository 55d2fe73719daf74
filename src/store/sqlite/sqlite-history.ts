// The finding history and weekly scores in SQLite: one transaction per scan, prepared statements.
import type Database from "better-sqlite3";
import type { Episode, EpisodeChanges, WeeklyScore } from "../../domain/episodes.ts";
import { EPISODE_COLUMNS, episodeFromValues, toWeeklyScore } from "../history-rows.ts";
import type { HistoryStore } from "../history-store.ts";
import type { MessagePayload } from "../outbox.ts";

type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

export class SqliteHistory implements Sync<HistoryStore> {
  constructor(private readonly db: Database.Database) {}

  openEpisodes(): Episode[] {
    const rows = this.db
      .prepare(`SELECT ${EPISODE_COLUMNS} FROM finding_episodes WHERE resolved_on IS NULL`)
      .raw()
      .all() as unknown[][];
    return rows.map(episodeFromValues);
  }

  applyEpisodeChanges(changes: EpisodeChanges): void {
    const open = this.db.prepare(
      `INSERT INTO finding_episodes (${EPISODE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL) ON CONFLICT DO NOTHING`,
    );
    const nudge = this.db.prepare(
      "UPDATE finding_episodes SET nudged_on = ? WHERE rule = ? AND record_id = ? AND resolved_on IS NULL AND nudged_on IS NULL",
    );
    const resolve = this.db.prepare(
      "UPDATE finding_episodes SET resolved_on = ?, resolution = ? WHERE rule = ? AND record_id = ? AND resolved_on IS NULL",
    );
    this.db
      .transaction(() => {
        // Resolutions first: a finding resolved and opened again in one batch keeps both episodes.
        for (const item of changes.resolved)
          resolve.run(item.resolvedOn, item.resolution, item.rule, item.recordId);
        for (const e of changes.opened)
          open.run(
            e.rule,
            e.recordId,
            e.recordType,
            e.owner,
            e.openedAt,
            e.openedOn,
            e.nudgedOn,
            e.snoozedOn,
          );
        for (const item of changes.nudged) nudge.run(item.nudgedOn, item.rule, item.recordId);
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
    applyEpisodeChanges: async (changes) => history.applyEpisodeChanges(changes),
    markSnoozed: async (findings, on) => history.markSnoozed(findings, on),
    episodesSince: async (since) => history.episodesSince(since),
    saveWeeklyScores: async (scores) => history.saveWeeklyScores(scores),
    weeklyScoresSince: async (sinceWeek) => history.weeklyScoresSince(sinceWeek),
    deliveredPayloads: async (keys) => history.deliveredPayloads(keys),
  };
}
