// The effectiveness report's counts in SQL, and the rows they return turned into tallies. Each query
// reads one index and nothing else; groups follow the index order so no sort is needed.
import { type RawBuilder, sql } from "kysely";
import type {
  EffectivenessTallies,
  NudgeTally,
  RuleCount,
  UncountedFix,
} from "../domain/effectiveness-tallies.ts";
import type { EpisodeTable } from "./tables.ts";

type NudgeRow = Pick<EpisodeTable, "rule" | "resolution" | "days_to_fix"> & {
  nudged_on: string;
  n: number;
  snoozed: number;
};
type UncountedRow = Pick<EpisodeTable, "rule" | "owner" | "snoozed_on"> & {
  nudged_on: string;
  resolved_on: string;
};

/**
 * Where the history ends: the last scan instant that opened an episode, and the latest local date
 * anything was opened, nudged or resolved on (both null when the history is empty).
 */
export const HISTORY_END = sql<{ last_opened_at: string | null; last_day: string | null }>`SELECT
  (SELECT MAX(opened_at) FROM finding_episodes) AS last_opened_at,
  (SELECT MAX(day) FROM (
    SELECT MAX(opened_on) AS day FROM finding_episodes
    UNION ALL SELECT MAX(nudged_on) FROM finding_episodes
    UNION ALL SELECT MAX(resolved_on) FROM finding_episodes
  ) AS ends) AS last_day`;

/**
 * The four queries: opened per day and rule, open at the end, nudges by outcome, fixes left to count,
 * over the period's first and last day; `owners` is `AND …` keeping the owners asked for, or nothing.
 */
export function countQueries(since: string, until: string, owners: RawBuilder<unknown>) {
  return {
    opened: sql<{
      opened_on: string;
      rule: string;
      n: number;
    }>`SELECT opened_on, rule, COUNT(*) AS n FROM finding_episodes
      WHERE opened_on >= ${since} AND opened_on <= ${until} ${owners}
      GROUP BY opened_on, rule`,
    // Two ranges of the resolved index (still open; resolved after the period), grouped in its
    // order so that no planner prefers walking the whole table in rule order.
    open: sql<{ rule: string; n: number }>`SELECT rule, COUNT(*) AS n FROM finding_episodes
        WHERE resolved_on IS NULL AND opened_on <= ${until} ${owners} GROUP BY resolved_on, rule
      UNION ALL
      SELECT rule, COUNT(*) AS n FROM finding_episodes
        WHERE resolved_on > ${until} AND opened_on <= ${until} ${owners} GROUP BY resolved_on, rule`,
    nudges: sql<NudgeRow>`SELECT nudged_on, rule, resolution, days_to_fix, COUNT(*) AS n, COUNT(snoozed_on) AS snoozed
      FROM finding_episodes
      WHERE nudged_on >= ${since} AND nudged_on <= ${until} ${owners}
        AND (resolution IS NULL OR resolution <> 'fixed' OR days_to_fix IS NOT NULL)
      GROUP BY nudged_on, rule, resolution, days_to_fix`,
    uncounted: sql<UncountedRow>`SELECT rule, owner, nudged_on, resolved_on, snoozed_on FROM finding_episodes
      WHERE resolution = 'fixed' AND days_to_fix IS NULL AND nudged_on IS NOT NULL
        AND nudged_on >= ${since} AND nudged_on <= ${until} ${owners}`,
  };
}

/** What each of the four queries returns. */
type CountRows = {
  [Q in keyof ReturnType<typeof countQueries>]: ReturnType<typeof countQueries>[Q] extends RawBuilder<infer R>
    ? R[]
    : never;
};

/** The rows of the four queries as the report's tallies. */
export function toTallies(rows: CountRows): { tallies: EffectivenessTallies; uncounted: UncountedFix[] } {
  const counts = new Map<string, RuleCount>();
  const count = (rule: string): RuleCount => {
    let found = counts.get(rule);
    if (!found) {
      found = { rule, opened: 0, open: 0 };
      counts.set(rule, found);
    }
    return found;
  };
  for (const row of rows.opened) count(row.rule).opened += Number(row.n);
  for (const row of rows.open) count(row.rule).open += Number(row.n);
  // A day and rule may come in several rows (open, gone): the fold adds them up.
  const nudges: NudgeTally[] = rows.nudges.map((row) => {
    const fixed = row.resolution === "fixed" && row.days_to_fix !== null;
    return {
      rule: row.rule,
      nudgedOn: row.nudged_on,
      daysToFix: fixed ? Number(row.days_to_fix) : null,
      count: Number(row.n),
      snoozed: Number(row.snoozed),
    };
  });
  const uncounted = rows.uncounted.map((row) => ({
    rule: row.rule,
    owner: row.owner,
    nudgedOn: row.nudged_on,
    resolvedOn: row.resolved_on,
    snoozed: row.snoozed_on !== null,
  }));
  return { tallies: { counts: [...counts.values()], nudges }, uncounted };
}

/**
 * The holdout's sums per day first seen, rule and arm, over the period's episodes whose arm was kept
 * when they opened and whose window has passed by its last day: how many, and how many were fixed
 * within `windowDays` working days of being first seen (only a fix keeps its working days from
 * first seen). Grouped in the index's order.
 */
export function holdoutCountQuery(
  since: string,
  until: string,
  windowDays: number,
  owners: RawBuilder<unknown>,
) {
  return sql<{ opened_on: string; rule: string; arm: "held" | "nudged"; n: number; fixed: number }>`SELECT
      opened_on, rule, holdout_arm AS arm, COUNT(*) AS n,
      COUNT(CASE WHEN seen_days_to_fix <= ${windowDays} THEN 1 END) AS fixed
    FROM finding_episodes
    WHERE opened_on >= ${since} AND opened_on <= ${until} AND holdout_arm IN ('held', 'nudged')
      AND holdout_ends_on <= ${until} ${owners}
    GROUP BY opened_on, rule, holdout_arm`;
}
