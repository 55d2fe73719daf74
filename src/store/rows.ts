// Rows as both SQL stores keep them, and their mapping to domain records: one schema, one mapping.
import type { GiveBackProject, PlannedTrip } from "../domain/rituals.ts";
import type { MessagePayload, OutboxMessage, OutboxStatus } from "./outbox.ts";

export interface OutboxRow {
  key: string;
  kind: string;
  channel: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  uncertain: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  message_channel: string | null;
  message_ts: string | null;
}

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    key: row.key,
    kind: row.kind,
    channel: row.channel,
    payload: JSON.parse(row.payload) as MessagePayload,
    status: row.status,
    attempts: row.attempts,
    uncertain: row.uncertain === 1,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
    messageChannel: row.message_channel,
    messageTs: row.message_ts,
  };
}

export interface TripRow {
  id: string;
  rep_email: string;
  event_name: string;
  start_date: string;
  end_date: string;
  costs: string;
  meetings_booked: number;
  status: "planned" | "noted";
  reminders_sent: number;
  created_at: string;
}

export function toTrip(row: TripRow): PlannedTrip {
  return {
    ...(JSON.parse(row.costs) as Omit<PlannedTrip, "id">),
    id: row.id,
    rep: row.rep_email,
    eventName: row.event_name,
    startDate: row.start_date,
    endDate: row.end_date,
    meetingsBooked: row.meetings_booked,
    status: row.status,
    remindersSent: row.reminders_sent,
    createdAt: new Date(row.created_at),
  };
}

/** The columns of a planned trip row, in insert order. */
export function tripValues(trip: PlannedTrip): unknown[] {
  const {
    id,
    rep,
    eventName,
    startDate,
    endDate,
    meetingsBooked,
    status,
    remindersSent,
    createdAt,
    ...costs
  } = trip;
  return [
    id,
    rep,
    eventName,
    startDate,
    endDate,
    JSON.stringify(costs),
    meetingsBooked,
    status,
    remindersSent,
    createdAt.toISOString(),
  ];
}

/** A record kept as a JSON body, its createdAt back to a Date. */
export function fromBody<T extends { createdAt: Date }>(body: string): T {
  const parsed = JSON.parse(body) as T & { createdAt: string };
  return { ...parsed, createdAt: new Date(parsed.createdAt) };
}

export function toGiveBack(row: { body: string; status: GiveBackProject["status"] }): GiveBackProject {
  return { ...fromBody<GiveBackProject>(row.body), status: row.status };
}

/**
 * The bounds [from, to) of the keys starting with `prefix` in byte (code point) order, so a prefix
 * lookup is an index range scan; `to` is null for the empty prefix.
 */
export function prefixRange(prefix: string): { from: string; to: string | null } {
  const last = prefix.codePointAt(prefix.length - 1);
  if (last === undefined) return { from: prefix, to: null };
  const head = prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1));
  return { from: prefix, to: head + String.fromCodePoint(last + 1) };
}
