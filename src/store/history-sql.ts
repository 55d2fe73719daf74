// The finding history and weekly scores over either database. A scan's changes go in as batches
// (rows read from one JSON parameter), so 5,000 changes are a few statements, not 5,000.
import { sql } from "kysely";
import type { Resolution } from "../domain/episodes.ts";
import type { RuleId } from "../domain/findings.ts";
import type { Db } from "./db.ts";
import { countQueries, toTallies } from "./history-counts.ts";
import { HISTORY_END, toEpisode, toHistoryEnd, toWeeklyScore } from "./history-rows.ts";
import type { HistoryStore } from "./history-store.ts";
import type { MessagePayload } from "./outbox.ts";

const EPISODE = ["rule", "record_id", "record_type", "owner", "opened_at", "opened_on"] as const;
const text = "text" as const;
const int = "int" as const;

export function historyStore(db: Db): HistoryStore {
  const { k, dialect } = db;
  const episodes = () =>
    k
      .selectFrom("finding_episodes")
      .select([...EPISODE, "nudged_on", "snoozed_on", "resolved_on", "resolution"]);
  const changed = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);
  return {
    historyEnd: async () => toHistoryEnd((await HISTORY_END.execute(k)).rows[0]),
    openEpisodes: async () => (await episodes().where("resolved_on", "is", null).execute()).map(toEpisode),
    openNudgedBy: async (nudgedBy) =>
      (
        await episodes()
          .where("resolved_on", "is", null)
          .where("nudged_on", "is not", null)
          .where("nudged_on", "<=", nudgedBy)
          .execute()
      ).map(toEpisode),
    historyVersion: async () =>
      Number(
        (await k.selectFrom("history_version").select("version").where("id", "=", 1).executeTakeFirst())
          ?.version ?? 0,
      ),

    applyEpisodeChanges: ({ resolved, opened, nudged }) =>
      db.transaction(async (t) => {
        // The version row first: its lock orders concurrent writers, one version each.
        const bumped = await t.k
          .updateTable("history_version")
          .set((eb) => ({ version: eb("version", "+", 1) }))
          .where("id", "=", 1)
          .returning("version")
          .executeTakeFirstOrThrow();
        let touched = 0;
        // Resolutions first: a finding resolved and opened again in one batch keeps both episodes.
        if (resolved.length > 0) {
          const rows = t.dialect.rows(
            resolved.map((r) => ({
              rule: r.rule,
              record_id: r.recordId,
              resolved_on: r.resolvedOn,
              resolution: r.resolution,
              days_to_fix: r.daysToFix,
            })),
            { rule: text, record_id: text, resolved_on: text, resolution: text, days_to_fix: int },
          );
          touched += changed(
            await sql`WITH c AS MATERIALIZED (${rows}) UPDATE finding_episodes AS e SET resolved_on = c.resolved_on, resolution = c.resolution, days_to_fix = c.days_to_fix
              FROM c WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL`.execute(
              t.k,
            ),
          );
        }
        if (opened.length > 0) {
          const rows = t.dialect.rows(
            opened.map((e) => ({
              rule: e.rule,
              record_id: e.recordId,
              record_type: e.recordType,
              owner: e.owner,
              opened_at: e.openedAt,
              opened_on: e.openedOn,
              nudged_on: e.nudgedOn,
              snoozed_on: e.snoozedOn,
            })),
            {
              rule: text,
              record_id: text,
              record_type: text,
              owner: text,
              opened_at: text,
              opened_on: text,
              nudged_on: text,
              snoozed_on: text,
            },
          );
          // WHERE true: SQLite needs it to tell the upsert's ON from a join's.
          touched += changed(
            await sql`WITH c AS MATERIALIZED (${rows}) INSERT INTO finding_episodes (rule, record_id, record_type, owner, opened_at, opened_on, nudged_on, snoozed_on)
              SELECT c.rule, c.record_id, c.record_type, c.owner, c.opened_at, c.opened_on, c.nudged_on, c.snoozed_on
              FROM c WHERE true ON CONFLICT DO NOTHING`.execute(t.k),
          );
        }
        if (nudged.length > 0) {
          const rows = t.dialect.rows(
            nudged.map((n) => ({ rule: n.rule, record_id: n.recordId, nudged_on: n.nudgedOn })),
            { rule: text, record_id: text, nudged_on: text },
          );
          touched += changed(
            await sql`WITH c AS MATERIALIZED (${rows}) UPDATE finding_episodes AS e SET nudged_on = c.nudged_on FROM c
              WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL AND e.nudged_on IS NULL`.execute(
              t.k,
            ),
          );
        }
        const expected = resolved.length + opened.length + nudged.length;
        return { version: Number(bumped.version), asExpected: touched === expected };
      }),

    markSnoozed: async (findings, on) => {
      if (findings.length === 0) return;
      const rows = dialect.rows(
        findings.map((f) => ({ rule: f.rule, record_id: f.recordId })),
        { rule: text, record_id: text },
      );
      await sql`WITH c AS MATERIALIZED (${rows}) UPDATE finding_episodes AS e SET snoozed_on = ${on} FROM c
        WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL AND e.snoozed_on IS NULL`.execute(
        k,
      );
    },
    episodesSince: async (since) =>
      (
        await episodes()
          .where((eb) =>
            eb.or([
              eb("resolved_on", "is", null),
              eb("resolved_on", ">=", since),
              eb("opened_on", ">=", since),
              eb("nudged_on", ">=", since),
            ]),
          )
          .execute()
      ).map(toEpisode),

    // Only what the holdout's arms need, of the episodes opened in the period.
    holdoutEpisodes: async (period, owners) =>
      (
        await k
          .selectFrom("finding_episodes")
          .select(["rule", "record_id", "owner", "opened_on", "resolved_on", "resolution"])
          .where("opened_on", ">=", period.since)
          .where("opened_on", "<=", period.until)
          .$if(owners !== undefined, (q) =>
            q.where(sql<boolean>`${dialect.inList(sql`lower(owner)`, [...(owners ?? [])])}`),
          )
          .execute()
      ).map((row) => ({
        rule: row.rule as RuleId,
        recordId: row.record_id,
        owner: row.owner,
        openedOn: row.opened_on,
        resolvedOn: row.resolved_on,
        resolution: row.resolution as Resolution | null,
      })),

    // The four counts side by side (on PostgreSQL, on the pool's connections).
    effectivenessTallies: async (period, owners) => {
      const queries = countQueries({
        since: period.since,
        until: period.until,
        owners: owners ? sql`AND ${dialect.inList(sql`lower(owner)`, [...owners])}` : sql``,
      });
      const [opened, open, nudges, uncounted] = await Promise.all([
        queries.opened.execute(k),
        queries.open.execute(k),
        queries.nudges.execute(k),
        queries.uncounted.execute(k),
      ]);
      return toTallies({
        opened: opened.rows,
        open: open.rows,
        nudges: nudges.rows,
        uncounted: uncounted.rows,
      });
    },
    uncountedFixes: async (limit) =>
      (
        await k
          .selectFrom("finding_episodes")
          .select(["rule", "record_id", "opened_at", "owner", "nudged_on", "resolved_on"])
          .where("resolution", "=", "fixed")
          .where("days_to_fix", "is", null)
          .where("nudged_on", "is not", null)
          .limit(limit)
          .execute()
      ).map((row) => ({
        rule: row.rule,
        recordId: row.record_id,
        openedAt: row.opened_at,
        owner: row.owner,
        nudgedOn: row.nudged_on as string,
        resolvedOn: row.resolved_on as string,
      })),
    saveDaysToFix: async (fixes) => {
      if (fixes.length === 0) return;
      const rows = dialect.rows(
        fixes.map((f) => ({
          rule: f.rule,
          record_id: f.recordId,
          opened_at: f.openedAt,
          days_to_fix: f.daysToFix,
        })),
        { rule: text, record_id: text, opened_at: text, days_to_fix: int },
      );
      await sql`WITH c AS MATERIALIZED (${rows}) UPDATE finding_episodes AS e SET days_to_fix = c.days_to_fix FROM c
        WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.opened_at = c.opened_at AND e.days_to_fix IS NULL`.execute(
        k,
      );
    },
    saveWeeklyScores: async (scores) => {
      if (scores.length === 0) return;
      const rows = dialect.rows(
        scores.map((s) => ({
          rep_email: s.rep,
          week: s.week,
          skill: s.skill,
          applicable: s.applicable,
          clean: s.clean,
        })),
        { rep_email: text, week: text, skill: text, applicable: int, clean: int },
      );
      await sql`WITH c AS MATERIALIZED (${rows}) INSERT INTO weekly_scores (rep_email, week, skill, applicable, clean)
        SELECT c.rep_email, c.week, c.skill, c.applicable, c.clean FROM c WHERE true
        ON CONFLICT (week, rep_email, skill) DO UPDATE SET applicable = excluded.applicable, clean = excluded.clean`.execute(
        k,
      );
    },
    weeklyScoresSince: async (sinceWeek) =>
      (
        await k
          .selectFrom("weekly_scores")
          .selectAll()
          .where("week", ">=", sinceWeek)
          .orderBy("week")
          .orderBy("rep_email")
          .orderBy("skill")
          .execute()
      ).map(toWeeklyScore),
    deliveredPayloads: async (keys) => {
      const found = new Map<string, MessagePayload>();
      if (keys.length === 0) return found;
      const rows = await k
        .selectFrom("outbox")
        .select(["key", "payload"])
        .where((eb) => dialect.inList(eb.ref("key"), keys))
        .where("status", "=", "sent")
        .execute();
      for (const row of rows) found.set(row.key, JSON.parse(row.payload) as MessagePayload);
      return found;
    },
  };
}
