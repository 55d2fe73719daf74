// Rows mapped to domain records and back: one schema, one mapping.
import type { ExpressionBuilder, Insertable, Kysely } from "kysely";
import type { GiveBackProject, PlannedTrip } from "../domain/rituals.ts";
import type { MessagePayload, OutboxMessage } from "./outbox.ts";
import type { OutboxRow, Tables, TripRow, TripTable } from "./tables.ts";

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

/** A planned trip as its row: the costs and counts kept as a JSON body. */
export function tripRow(trip: PlannedTrip): Insertable<TripTable> {
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
  return {
    id,
    rep_email: rep,
    event_name: eventName,
    start_date: startDate,
    end_date: endDate,
    costs: JSON.stringify(costs),
    meetings_booked: meetingsBooked,
    status,
    reminders_sent: remindersSent,
    created_at: createdAt.toISOString(),
  };
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

/** An upsert's update: each of `columns` set to the value the refused insert brought. */
export const excluded =
  (...columns: string[]) =>
  // biome-ignore lint/suspicious/noExplicitAny: whichever table the upsert is on.
  (eb: ExpressionBuilder<any, any>): any =>
    Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]));

/** Inserts `rows`, or where a row with the same `key` is there, replaces its other columns. */
export async function upsert<T extends keyof Tables>(
  k: Kysely<Tables>,
  table: T,
  key: (keyof Tables[T] & string)[],
  rows: Insertable<Tables[T]> | Insertable<Tables[T]>[],
): Promise<void> {
  const columns = Object.keys((Array.isArray(rows) ? rows[0] : rows) ?? {}).filter(
    (column) => !key.includes(column as never),
  );
  // biome-ignore lint/suspicious/noExplicitAny: the table is generic; `rows` are typed above.
  await (k as Kysely<any>)
    .insertInto(table)
    .values(rows)
    .onConflict((conflict) => conflict.columns(key).doUpdateSet(excluded(...columns)))
    .execute();
}
