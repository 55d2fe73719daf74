// The migrations of nudges that learn (holdout arms) and the support queue (breach alerts,
// forwarded tickets), in the order they are applied after the first ten.
import type { Migration } from "./index.ts";

export const LEARNING_AND_SUPPORT: readonly Migration[] = [
  {
    id: 11,
    name: "holdout-arms",
    // The report sums the holdout's arms in the database instead of reading every episode. An
    // episode keeps the arm it was given when it opened ('held', 'nudged', or 'off' when the holdout
    // was off then, never counted), so a later change of holdoutPercent does not move it; the day its
    // window passes; and a fix (only a fix) its working days from the day first seen, counted by the
    // owner's calendar when the scan saw it. Episodes from before this migration have none (NULL): the
    // report works theirs out itself, and the scans fill them in.
    sql: `
      ALTER TABLE finding_episodes ADD COLUMN holdout_arm TEXT;
      ALTER TABLE finding_episodes ADD COLUMN holdout_ends_on TEXT;
      ALTER TABLE finding_episodes ADD COLUMN seen_days_to_fix INTEGER;
      CREATE INDEX finding_episodes_holdout ON finding_episodes
        (opened_on, rule, holdout_arm, holdout_ends_on, seen_days_to_fix, owner)
        WHERE holdout_arm IN ('held', 'nudged');
      CREATE INDEX finding_episodes_holdout_unknown ON finding_episodes (opened_on) WHERE holdout_arm IS NULL;
    `,
  },
  {
    id: 12,
    name: "support-alerts",
    // One row per breach alert (ticket and SLA metric), written with its DM in one transaction: the
    // key makes an alert once, ever, across replicas and restarts. Taken and outcome are filled in
    // later, by a Take it click and by a later read of the queue.
    sql: `
      CREATE TABLE support_alerts (
        ticket_id BIGINT NOT NULL,
        metric TEXT NOT NULL,
        breach_at TEXT NOT NULL,
        rep_email TEXT NOT NULL,
        alerted_as TEXT NOT NULL,
        alerted_at TEXT NOT NULL,
        taken_at TEXT,
        taken_by TEXT,
        outcome TEXT,
        settled_at TEXT,
        PRIMARY KEY (ticket_id, metric)
      );
      CREATE INDEX support_alerts_alerted ON support_alerts (alerted_at, rep_email);
      CREATE INDEX support_alerts_open ON support_alerts (ticket_id) WHERE outcome IS NULL;
    `,
  },
  {
    id: 13,
    name: "forwarded-tickets",
    // Support-queue tickets forwarded to a sales owner: recorded once per ticket, then marked with
    // the one daily digest (and, needing approval, the one manager digest) that showed them.
    sql: `
      CREATE TABLE forwarded_tickets (
        ticket_id BIGINT PRIMARY KEY,
        account_id TEXT NOT NULL,
        owner_email TEXT NOT NULL,
        manager_email TEXT,
        subject TEXT NOT NULL,
        tags TEXT NOT NULL,
        needs_approval INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        digest_key TEXT,
        shown_on TEXT,
        manager_digest_key TEXT,
        manager_shown_on TEXT
      );
      CREATE INDEX forwarded_tickets_unshown ON forwarded_tickets (owner_email) WHERE digest_key IS NULL;
      CREATE INDEX forwarded_tickets_approvals ON forwarded_tickets (manager_email)
        WHERE needs_approval = 1 AND manager_digest_key IS NULL;
    `,
  },
];
