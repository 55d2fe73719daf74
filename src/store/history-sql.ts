// The finding history and weekly scores over either database. A scan's changes go in as batches
// (rows read from one JSON parameter), so 5,000 changes are a few statements, not 5,000.
import { type RawBuilder, sql } from "kysely";
import type { Episode, Resolution } from "../domain/episodes.ts";
import type { RuleId } from "../domain/findings.ts";
import type { Db } from "./db.ts";
import type { Column } from "./dialect.ts";
import { countQueries, HISTORY_END, holdoutCountQuery, toTallies } from "./history-counts.ts";
import type { HistoryStore } from "./history-store.ts";
import type { MessagePayload } from "./outbox.ts";

/** The batch columns that hold integers; the others hold text. */
const INTEGERS = new Set(["days_to_fix", "seen_days_to_fix", "applicable", "clean"]);
const camel = (column: string) => column.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * Runs `statement` with `items` as the batch `c` (each column read from the item's camelCase field:
 * `record_id` from `recordId`); how many rows it changed. Nothing is run for an empty batch.
 */
async function batch(
  { k, dialect }: Pick<Db, "k" | "dialect">,
  items: readonly object[],
  names: string[],
  statement: RawBuilder<unknown>,
): Promise<number> {
  if (items.length === 0) return 0;
  const columns = Object.fromEntries(
    names.map((name): [string, Column] => [name, INTEGERS.has(name) ? "int" : "text"]),
  );
  const fields = names.map((name) => [name, camel(name)] as const);
  const rows = items.map((item) =>
    Object.fromEntries(fields.map(([name, field]) => [name, (item as Record<string, unknown>)[field]])),
  );
  const result = await sql`WITH c AS MATERIALIZED (${dialect.rows(rows, columns)}) ${statement}`.execute(k);
  return Number(result.numAffectedRows ?? 0n);
}

export function historyStore(db: Db): HistoryStore {
  const { k, dialect } = db;
  const episodes = () =>
    k
      .selectFrom("finding_episodes")
      .select([
        "rule",
        "record_id as recordId",
        "record_type as recordType",
        "owner",
        "opened_at as openedAt",
        "opened_on as openedOn",
        "nudged_on as nudgedOn",
        "snoozed_on as snoozedOn",
        "resolved_on as resolvedOn",
        "resolution",
        "holdout_arm as holdoutArm",
      ])
      .$castTo<Episode>();
  return {
    historyEnd: async () => {
      const row = (await HISTORY_END.execute(k)).rows[0];
      return row?.last_opened_at && row.last_day
        ? { lastOpenedAt: new Date(row.last_opened_at), lastDay: row.last_day }
        : null;
    },
    openEpisodes: () => episodes().where("resolved_on", "is", null).execute(),
    openNudgedBy: (nudgedBy) =>
      episodes()
        .where("resolved_on", "is", null)
        .where("nudged_on", "is not", null)
        .where("nudged_on", "<=", nudgedBy)
        .execute(),
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
        // Resolutions first: a finding resolved and opened again in one batch keeps both episodes.
        let touched = await batch(
          t,
          resolved,
          ["rule", "record_id", "resolved_on", "resolution", "days_to_fix", "seen_days_to_fix"],
          sql`UPDATE finding_episodes AS e SET resolved_on = c.resolved_on, resolution = c.resolution,
              days_to_fix = c.days_to_fix,
              seen_days_to_fix = CASE WHEN c.resolution = 'fixed' THEN c.seen_days_to_fix END
            FROM c WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL`,
        );
        // WHERE true: SQLite needs it to tell the upsert's ON from a join's.
        touched += await batch(
          t,
          opened,
          [
            "rule",
            "record_id",
            "record_type",
            "owner",
            "opened_at",
            "opened_on",
            "nudged_on",
            "snoozed_on",
            "holdout_arm",
            "holdout_ends_on",
          ],
          sql`INSERT INTO finding_episodes (rule, record_id, record_type, owner, opened_at, opened_on, nudged_on, snoozed_on, holdout_arm, holdout_ends_on)
            SELECT c.rule, c.record_id, c.record_type, c.owner, c.opened_at, c.opened_on, c.nudged_on, c.snoozed_on, c.holdout_arm, c.holdout_ends_on
            FROM c WHERE true ON CONFLICT DO NOTHING`,
        );
        touched += await batch(
          t,
          nudged,
          ["rule", "record_id", "nudged_on"],
          sql`UPDATE finding_episodes AS e SET nudged_on = c.nudged_on FROM c
            WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL AND e.nudged_on IS NULL`,
        );
        const expected = resolved.length + opened.length + nudged.length;
        return { version: Number(bumped.version), asExpected: touched === expected };
      }),

    markSnoozed: async (findings, on) => {
      await batch(
        db,
        findings,
        ["rule", "record_id"],
        sql`UPDATE finding_episodes AS e SET snoozed_on = ${on} FROM c
          WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.resolved_on IS NULL AND e.snoozed_on IS NULL`,
      );
    },
    episodesSince: (since) =>
      episodes()
        .where((eb) =>
          eb.or([
            eb("resolved_on", "is", null),
            eb("resolved_on", ">=", since),
            eb("opened_on", ">=", since),
            eb("nudged_on", ">=", since),
          ]),
        )
        .execute(),

    // Summed by the store where the arm was kept when the episode opened; the period's episodes
    // from before arms were kept come apart, for the caller to put in their arms.
    holdoutCounts: async (period, windowDays, owners) => {
      const only = owners ? sql`AND ${dialect.inList(sql`lower(owner)`, [...owners])}` : sql``;
      // One snapshot for both reads: a scan giving arms to old episodes in between would otherwise
      // have an episode counted in both, or in neither.
      const [counted, unknown] = await db.transaction(async (t) => {
        const snapshot = dialect.oneSnapshot();
        if (snapshot) await snapshot.execute(t.k);
        const summed = await holdoutCountQuery(period.since, period.until, windowDays, only).execute(t.k);
        const armless = await t.k
          .selectFrom("finding_episodes")
          .select(["rule", "record_id", "owner", "opened_on", "resolved_on", "resolution"])
          .where("holdout_arm", "is", null)
          .where("opened_on", ">=", period.since)
          .where("opened_on", "<=", period.until)
          .$if(owners !== undefined, (q) =>
            q.where(sql<boolean>`${dialect.inList(sql`lower(owner)`, [...(owners ?? [])])}`),
          )
          .execute();
        return [summed, armless] as const;
      });
      return {
        counts: counted.rows.map((row) => ({
          rule: row.rule as RuleId,
          arm: row.arm,
          n: Number(row.n),
          fixed: Number(row.fixed),
        })),
        unknown: unknown.map((row) => ({
          rule: row.rule as RuleId,
          recordId: row.record_id,
          owner: row.owner,
          openedOn: row.opened_on,
          resolvedOn: row.resolved_on,
          resolution: row.resolution as Resolution | null,
        })),
      };
    },

    // The four counts side by side (on PostgreSQL, on the pool's connections).
    effectivenessTallies: async (period, owners) => {
      const only = owners ? sql`AND ${dialect.inList(sql`lower(owner)`, [...owners])}` : sql``;
      const queries = countQueries(period.since, period.until, only);
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
    unknownHoldoutArms: async (limit) =>
      (
        await k
          .selectFrom("finding_episodes")
          .select(["rule", "record_id", "opened_at", "owner", "opened_on", "resolved_on", "resolution"])
          .where("holdout_arm", "is", null)
          .limit(limit)
          .execute()
      ).map((row) => ({
        rule: row.rule as RuleId,
        recordId: row.record_id,
        openedAt: row.opened_at,
        owner: row.owner,
        openedOn: row.opened_on,
        resolvedOn: row.resolved_on,
        resolution: row.resolution as Resolution | null,
      })),
    saveHoldoutArms: async (episodes) => {
      await batch(
        db,
        episodes,
        ["rule", "record_id", "opened_at", "holdout_arm", "holdout_ends_on", "seen_days_to_fix"],
        sql`UPDATE finding_episodes AS e SET holdout_arm = c.holdout_arm, holdout_ends_on = c.holdout_ends_on,
            seen_days_to_fix = c.seen_days_to_fix
          FROM c WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.opened_at = c.opened_at
            AND e.holdout_arm IS NULL`,
      );
    },
    uncountedFixes: (limit) =>
      k
        .selectFrom("finding_episodes")
        .select([
          "rule",
          "record_id as recordId",
          "opened_at as openedAt",
          "owner",
          "nudged_on as nudgedOn",
          "resolved_on as resolvedOn",
        ])
        .where("resolution", "=", "fixed")
        .where("days_to_fix", "is", null)
        .where("nudged_on", "is not", null)
        .limit(limit)
        .$narrowType<{ nudgedOn: string; resolvedOn: string }>()
        .execute(),
    saveDaysToFix: async (fixes) => {
      await batch(
        db,
        fixes,
        ["rule", "record_id", "opened_at", "days_to_fix"],
        sql`UPDATE finding_episodes AS e SET days_to_fix = c.days_to_fix FROM c
          WHERE e.rule = c.rule AND e.record_id = c.record_id AND e.opened_at = c.opened_at AND e.days_to_fix IS NULL`,
      );
    },
    saveWeeklyScores: async (scores) => {
      await batch(
        db,
        scores.map((score) => ({ ...score, repEmail: score.rep })),
        ["rep_email", "week", "skill", "applicable", "clean"],
        sql`INSERT INTO weekly_scores (rep_email, week, skill, applicable, clean)
          SELECT c.rep_email, c.week, c.skill, c.applicable, c.clean FROM c WHERE true
          ON CONFLICT (week, rep_email, skill) DO UPDATE SET applicable = excluded.applicable, clean = excluded.clean`,
      );
    },
    weeklyScoresSince: (sinceWeek) =>
      k
        .selectFrom("weekly_scores")
        .select(["rep_email as rep", "week", "skill", "applicable", "clean"])
        .where("week", ">=", sinceWeek)
        .orderBy("week")
        .orderBy("rep_email")
        .orderBy("skill")
        .execute(),
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
