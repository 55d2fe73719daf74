// The effectiveness report's counts in SQL, and the rows they return turned into tallies. Each query
// reads one index and nothing else; groups follow the index order so no sort is needed.
import { type RawBuilder, sql } from "kysely";
import type {
  EffectivenessTallies,
  NudgeTally,
  RuleCount,
  UncountedFix,
} from "../domain/effectiveness-tallies.ts";

export interface CountSql {
  /** The period's first and last day. */
  since: string;
  until: string;
  /** `AND …` keeping the owners asked for, or nothing for everyone. */
  owners: RawBuilder<unknown>;
}

/** The four queries: opened per day and rule, open at the end, nudges by outcome, fixes left to count. */
export function countQueries({ since, until, owners }: CountSql) {
  return {
    opened: sql<OpenedRow>`SELECT opened_on, rule, COUNT(*) AS n FROM finding_episodes
      WHERE opened_on >= ${since} AND opened_on <= ${until} ${owners}
      GROUP BY opened_on, rule`,
    // Two ranges of the resolved index (still open; resolved after the period), grouped in its
    // order so that no planner prefers walking the whole table in rule order.
    open: sql<OpenRow>`SELECT rule, COUNT(*) AS n FROM finding_episodes
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

export interface OpenedRow {
  opened_on: string;
  rule: string;
  n: number | string;
}
export interface OpenRow {
  rule: string;
  n: number | string;
}
export interface NudgeRow {
  nudged_on: string;
  rule: string;
  resolution: string | null;
  days_to_fix: number | null;
  n: number | string;
  snoozed: number | string;
}
export interface UncountedRow {
  rule: string;
  owner: string;
  nudged_on: string;
  resolved_on: string;
  snoozed_on: string | null;
}

/** The rows of the four queries as the report's tallies (PostgreSQL counts arrive as strings). */
export function toTallies(rows: {
  opened: OpenedRow[];
  open: OpenRow[];
  nudges: NudgeRow[];
  uncounted: UncountedRow[];
}): { tallies: EffectivenessTallies; uncounted: UncountedFix[] } {
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
