// The digest ledger and snoozes in PostgreSQL: who got their digest on which local date, and which
// findings stay out of a rep's digests up to and including a local date.
import type pg from "pg";
import type { RuleId } from "../../domain/findings.ts";
import type { DigestClaim, Snooze } from "../store.ts";

export async function listDigestClaims(pool: pg.Pool, localDate: string): Promise<DigestClaim[]> {
  const result = await pool.query<{
    rep_email: string;
    local_date: string;
    finding_count: number;
    claimed_at: string;
  }>(
    "SELECT rep_email, local_date, finding_count, claimed_at FROM digest_ledger WHERE local_date = $1 ORDER BY rep_email",
    [localDate],
  );
  return result.rows.map((row) => ({
    rep: row.rep_email,
    localDate: row.local_date,
    findingCount: row.finding_count,
    claimedAt: new Date(row.claimed_at),
  }));
}

export async function snooze(pool: pg.Pool, value: Snooze): Promise<void> {
  await pool.query(
    `INSERT INTO snoozes (rep_email, rule, record_id, until_date) VALUES ($1, $2, $3, $4)
     ON CONFLICT (rep_email, rule, record_id) DO UPDATE SET until_date = excluded.until_date`,
    [value.rep, value.rule, value.recordId, value.until],
  );
}

export async function activeSnoozes(pool: pg.Pool, rep: string, today: string): Promise<Snooze[]> {
  const result = await pool.query<{ rule: RuleId; record_id: string; until_date: string }>(
    "SELECT rule, record_id, until_date FROM snoozes WHERE rep_email = $1 AND until_date >= $2",
    [rep, today],
  );
  return result.rows.map((row) => ({ rep, rule: row.rule, recordId: row.record_id, until: row.until_date }));
}
