// The tables as both databases keep them (see migrations/): typed rows for the query builder.
// Instants are ISO strings, dates `YYYY-MM-DD`, flags 0 or 1, records JSON bodies beside the
// columns queries need.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { GiveBackStatus } from "../domain/rituals.ts";
import type { OutboxStatus } from "./outbox.ts";

export interface Tables {
  schema_migrations: { id: number; name: string; applied_at: string };
  digest_ledger: { rep_email: string; local_date: string; finding_count: number; claimed_at: string };
  snoozes: { rep_email: string; rule: string; record_id: string; until_date: string };
  outbox: OutboxTable;
  outbox_purged: { key: string; sent_at: string };
  slack_users: { email: string; user_id: string | null; checked_at: string; tz: string | null };
  planned_trips: TripTable;
  trip_notes: { id: string; rep_email: string; trip_id: string | null; body: string; created_at: string };
  give_backs: {
    id: string;
    rep_email: string;
    title: string;
    body: string;
    status: GiveBackStatus;
    created_at: string;
    updated_at: string;
  };
  adoption_answers: {
    project_id: string;
    rep_email: string;
    month: string;
    used: number;
    answered_at: string;
  };
  settings: { key: string; value: string; updated_at: string };
  job_leases: { name: string; holder: string; expires_at: string };
  pauses: { rep_email: string; until_date: string; paused_by: string; created_at: string };
  slack_links: { crm_email: string; user_id: string; linked_by: string; linked_at: string };
  finding_episodes: EpisodeTable;
  weekly_scores: { rep_email: string; week: string; skill: string; applicable: number; clean: number };
  history_version: { id: number; version: number };
  crm_reps: { email: string; rep: string; read_at: string };
  forwarded_tickets: ForwardTable;
  support_alerts: SupportAlertTable;
}

export interface SupportAlertTable {
  ticket_id: number;
  metric: string;
  breach_at: string;
  rep_email: string;
  alerted_as: string;
  alerted_at: string;
  taken_at: string | null;
  taken_by: string | null;
  outcome: string | null;
  settled_at: string | null;
}

export interface ForwardTable {
  /** BIGINT: Zendesk ids outgrow 32 bits; PostgreSQL returns it as text. */
  ticket_id: ColumnType<number | string, number, never>;
  account_id: string;
  owner_email: string;
  manager_email: string | null;
  subject: string;
  /** JSON array of the forward tags it carries. */
  tags: string;
  needs_approval: number;
  found_at: string;
  digest_key: ColumnType<string | null, never, string>;
  shown_on: ColumnType<string | null, never, string>;
  manager_digest_key: ColumnType<string | null, never, string>;
  manager_shown_on: ColumnType<string | null, never, string>;
}
export type ForwardRow = Selectable<ForwardTable>;

export interface OutboxTable {
  key: string;
  kind: string;
  channel: string;
  payload: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  uncertain: Generated<number>;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  message_channel: string | null;
  message_ts: string | null;
}

export interface TripTable {
  id: string;
  rep_email: string;
  event_name: string;
  start_date: string;
  end_date: string;
  costs: string;
  meetings_booked: number;
  status: "planned" | "noted";
  reminders_sent: Generated<number>;
  last_reminded_on: string | null;
  created_at: string;
}

export interface EpisodeTable {
  rule: string;
  record_id: string;
  record_type: string;
  owner: string;
  opened_at: string;
  opened_on: string;
  nudged_on: string | null;
  snoozed_on: string | null;
  resolved_on: string | null;
  resolution: string | null;
  days_to_fix: number | null;
  /** The holdout arm given when it opened: held, nudged, off; null when opened before arms were kept. */
  holdout_arm: string | null;
  /** The day its holdout window has passed (its working days after the day first seen are over). */
  holdout_ends_on: string | null;
  /** A fix's working days from the day first seen, counted when the scan saw it. */
  seen_days_to_fix: number | null;
}

export type OutboxRow = Selectable<OutboxTable>;
export type TripRow = Selectable<TripTable>;
