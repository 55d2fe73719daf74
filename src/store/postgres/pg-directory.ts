// The Slack directory cache (email → Slack user) in PostgreSQL.
import type { SlackUserRecord } from "../store.ts";
import type { Queryable } from "./pg-outbox.ts";

interface SlackUserRow {
  email: string;
  user_id: string | null;
  checked_at: string;
}

const toRecord = (row: SlackUserRow): SlackUserRecord => ({
  email: row.email,
  userId: row.user_id,
  checkedAt: new Date(row.checked_at),
});

export async function getSlackUsers(db: Queryable, emails: string[]): Promise<SlackUserRecord[]> {
  if (emails.length === 0) return [];
  const result = await db.query<SlackUserRow>(
    "SELECT email, user_id, checked_at FROM slack_users WHERE email = ANY($1)",
    [emails],
  );
  return result.rows.map(toRecord);
}

export async function findSlackUserById(db: Queryable, userId: string): Promise<SlackUserRecord | null> {
  const result = await db.query<SlackUserRow>(
    "SELECT email, user_id, checked_at FROM slack_users WHERE user_id = $1 LIMIT 1",
    [userId],
  );
  return result.rows[0] ? toRecord(result.rows[0]) : null;
}

/** Upserts every record; run inside a transaction so a refresh lands whole. */
export async function saveSlackUsers(db: Queryable, records: SlackUserRecord[]): Promise<void> {
  for (const record of records) {
    await db.query(
      `INSERT INTO slack_users (email, user_id, checked_at) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET user_id = excluded.user_id, checked_at = excluded.checked_at`,
      [record.email, record.userId, record.checkedAt.toISOString()],
    );
  }
}
