// Schema migrations, applied in order and never edited once released: add a new one instead.
// The SQL is kept to what SQLite and PostgreSQL both accept.

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "digest-ledger-and-snoozes",
    sql: `
      CREATE TABLE digest_ledger (
        rep_email TEXT NOT NULL,
        local_date TEXT NOT NULL,
        finding_count INTEGER NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (rep_email, local_date)
      );
      CREATE TABLE snoozes (
        rep_email TEXT NOT NULL,
        rule TEXT NOT NULL,
        record_id TEXT NOT NULL,
        until_date TEXT NOT NULL,
        PRIMARY KEY (rep_email, rule, record_id)
      );
      CREATE INDEX snoozes_by_rep ON snoozes (rep_email, until_date);
    `,
  },
];
