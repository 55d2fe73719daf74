// Schema migrations, applied in order and never edited once released: add a new one instead.
// The SQL is kept to what SQLite and PostgreSQL both accept, with PostgreSQL's own only where they
// cannot agree.

import { LEARNING_AND_SUPPORT } from "./learning-and-support.ts";

export interface Migration {
  id: number;
  name: string;
  sql: string;
  /** Run after `sql` on PostgreSQL only. */
  postgresOnly?: string;
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
  {
    id: 2,
    name: "outbox-and-slack-directory",
    sql: `
      CREATE TABLE outbox (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        channel TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        uncertain INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        lease_owner TEXT,
        lease_until TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        message_channel TEXT,
        message_ts TEXT
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE TABLE slack_users (
        email TEXT PRIMARY KEY,
        user_id TEXT,
        checked_at TEXT NOT NULL
      );
      CREATE INDEX slack_users_by_id ON slack_users (user_id);
    `,
  },
  {
    id: 3,
    name: "trips-trip-notes-give-backs",
    sql: `
      CREATE TABLE planned_trips (
        id TEXT PRIMARY KEY,
        rep_email TEXT NOT NULL,
        event_name TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        costs TEXT NOT NULL,
        meetings_booked INTEGER NOT NULL,
        status TEXT NOT NULL,
        reminders_sent INTEGER NOT NULL DEFAULT 0,
        last_reminded_on TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX planned_trips_by_status ON planned_trips (status, rep_email);
      CREATE TABLE trip_notes (
        id TEXT PRIMARY KEY,
        rep_email TEXT NOT NULL,
        trip_id TEXT,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE give_backs (
        id TEXT PRIMARY KEY,
        rep_email TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE adoption_answers (
        project_id TEXT NOT NULL,
        rep_email TEXT NOT NULL,
        month TEXT NOT NULL,
        used INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (project_id, rep_email, month)
      );
            CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 4,
    name: "job-leases",
    sql: `
      CREATE TABLE job_leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 5,
    name: "outbox-indexes-and-purged-keys",
    // The lookups made per click (a sent message by channel and ts) and per minute (leases run out,
    // the purge) stop scanning the whole outbox; purged messages leave their key behind.
    sql: `
      CREATE INDEX outbox_sent_message ON outbox (message_channel, message_ts);
      CREATE INDEX outbox_lease_ends ON outbox (status, lease_until);
      CREATE INDEX outbox_sent_at ON outbox (status, sent_at);
      CREATE TABLE outbox_purged (
        key TEXT PRIMARY KEY,
        sent_at TEXT NOT NULL
      );
    `,
    // Key prefix lookups compare bytes; the primary key's index follows the database's collation,
    // which need not be byte order (en_US), so PostgreSQL gets a byte-ordered one.
    postgresOnly: `CREATE INDEX outbox_key_bytes ON outbox ((key COLLATE "C"));`,
  },
  {
    id: 6,
    name: "pauses-and-slack-links",
    // A pause and a link are settings people make in Slack: kept in the store, so they survive
    // restarts and hold across replicas.
    sql: `
      CREATE TABLE pauses (
        rep_email TEXT PRIMARY KEY,
        until_date TEXT NOT NULL,
        paused_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE slack_links (
        crm_email TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        linked_by TEXT NOT NULL,
        linked_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 7,
    name: "finding-history-and-weekly-scores",
    // One row per episode of a (rule, record) finding; at most one open episode per finding, so
    // two replicas scanning together cannot open it twice. Dates are the owner's local dates.
    sql: `
      CREATE TABLE finding_episodes (
        rule TEXT NOT NULL,
        record_id TEXT NOT NULL,
        record_type TEXT NOT NULL,
        owner TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_on TEXT NOT NULL,
        nudged_on TEXT,
        snoozed_on TEXT,
        resolved_on TEXT,
        resolution TEXT,
        PRIMARY KEY (rule, record_id, opened_at)
      );
      CREATE UNIQUE INDEX finding_episodes_open ON finding_episodes (rule, record_id) WHERE resolved_on IS NULL;
      CREATE INDEX finding_episodes_opened_on ON finding_episodes (opened_on);
      CREATE INDEX finding_episodes_resolved_on ON finding_episodes (resolved_on);
      CREATE TABLE weekly_scores (
        rep_email TEXT NOT NULL,
        week TEXT NOT NULL,
        skill TEXT NOT NULL,
        applicable INTEGER NOT NULL,
        clean INTEGER NOT NULL,
        PRIMARY KEY (week, rep_email, skill)
      );
    `,
  },
  {
    id: 8,
    name: "finding-history-counts",
    // The report adds the history up in the database instead of reading every episode: a fix keeps
    // its working days from the first nudge (counted when the scan saw it; fixes from before this
    // migration are counted when reported), and the indexes answer each count from the index alone.
    // history_version counts the writes of episode changes, so a scan knows whether the open
    // episodes it keeps in memory are still the store's or another replica wrote meanwhile.
    sql: `
      ALTER TABLE finding_episodes ADD COLUMN days_to_fix INTEGER;
      CREATE TABLE history_version (
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL
      );
      INSERT INTO history_version (id, version) VALUES (1, 0);
      DROP INDEX finding_episodes_opened_on;
      DROP INDEX finding_episodes_resolved_on;
      CREATE INDEX finding_episodes_opened ON finding_episodes (opened_on, rule, owner);
      CREATE INDEX finding_episodes_resolved ON finding_episodes (resolved_on, rule, opened_on, owner);
      CREATE INDEX finding_episodes_nudges ON finding_episodes
        (nudged_on, rule, resolution, days_to_fix, snoozed_on, owner) WHERE nudged_on IS NOT NULL;
      CREATE INDEX finding_episodes_uncounted ON finding_episodes (nudged_on, rule, owner, resolved_on, snoozed_on)
        WHERE resolution = 'fixed' AND days_to_fix IS NULL AND nudged_on IS NOT NULL;
    `,
  },
  {
    id: 9,
    name: "crm-reps",
    // The reps as the CRM last said (one JSON object each), so a restarted bot knows roles and
    // teams for the console before its first CRM read has finished.
    sql: `
      CREATE TABLE crm_reps (
        email TEXT PRIMARY KEY,
        rep TEXT NOT NULL,
        read_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 10,
    name: "slack-user-timezones",
    // The time zone of each Slack user's profile, kept with the user: a rep whose CRM records no
    // time zone gets their digest in Slack's, without a Slack call per rep per read.
    sql: `
      ALTER TABLE slack_users ADD COLUMN tz TEXT;
    `,
  },
  ...LEARNING_AND_SUPPORT,
];
