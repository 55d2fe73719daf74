// The Slack directory in SQLite: which Slack user each CRM email is, or that none was found.
import type Database from "better-sqlite3";
import type { SlackUserRecord } from "../store.ts";

type Row = { email: string; user_id: string | null; checked_at: string };

const toRecord = (row: Row): SlackUserRecord => ({
  email: row.email,
  userId: row.user_id,
  checkedAt: new Date(row.checked_at),
});

export function getSlackUsers(db: Database.Database, emails: string[]): SlackUserRecord[] {
  if (emails.length === 0) return [];
  const select = db.prepare("SELECT email, user_id, checked_at FROM slack_users WHERE email = ?");
  const records: SlackUserRecord[] = [];
  for (const email of emails) {
    const row = select.get(email) as Row | undefined;
    if (row) records.push(toRecord(row));
  }
  return records;
}

export function findSlackUserById(db: Database.Database, userId: string): SlackUserRecord | null {
  const row = db
    .prepare("SELECT email, user_id, checked_at FROM slack_users WHERE user_id = ?")
    .get(userId) as Row | undefined;
  return row ? toRecord(row) : null;
}

export function saveSlackUsers(db: Database.Database, records: SlackUserRecord[]): void {
  const upsert = db.prepare(
    `INSERT INTO slack_users (email, user_id, checked_at) VALUES (?, ?, ?)
     ON CONFLICT (email) DO UPDATE SET user_id = excluded.user_id, checked_at = excluded.checked_at`,
  );
  db.transaction(() => {
    for (const record of records) upsert.run(record.email, record.userId, record.checkedAt.toISOString());
  })();
}
