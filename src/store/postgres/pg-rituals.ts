// Trips, trip notes, Give Back projects and check-ins in PostgreSQL (same tables as SQLite).
// What queues a message takes a client inside a transaction, as enqueue needs.
import type { PoolClient } from "pg";
import type { GiveBackProject, GiveBackStatus, PlannedTrip, TripNotes } from "../../domain/rituals.ts";
import type { NewOutboxMessage } from "../outbox.ts";
import { fromBody, type TripRow, toGiveBack, toTrip, tripValues } from "../rows.ts";
import { enqueue, type Queryable } from "./pg-outbox.ts";

export async function savePlannedTrip(db: Queryable, trip: PlannedTrip): Promise<void> {
  await db.query(
    `INSERT INTO planned_trips (id, rep_email, event_name, start_date, end_date, costs, meetings_booked, status, reminders_sent, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    tripValues(trip),
  );
}

export async function getPlannedTrip(db: Queryable, id: string): Promise<PlannedTrip | null> {
  const result = await db.query<TripRow>("SELECT * FROM planned_trips WHERE id = $1", [id]);
  return result.rows[0] ? toTrip(result.rows[0]) : null;
}

export async function listPlannedTrips(db: Queryable, rep?: string): Promise<PlannedTrip[]> {
  const result = rep
    ? await db.query<TripRow>(
        "SELECT * FROM planned_trips WHERE status = 'planned' AND rep_email = $1 ORDER BY start_date",
        [rep],
      )
    : await db.query<TripRow>("SELECT * FROM planned_trips WHERE status = 'planned' ORDER BY start_date");
  return result.rows.map(toTrip);
}

export async function listAllPlannedTrips(db: Queryable): Promise<PlannedTrip[]> {
  const result = await db.query<TripRow>("SELECT * FROM planned_trips ORDER BY start_date, id");
  return result.rows.map(toTrip);
}

export async function saveTripNotes(
  db: PoolClient,
  notes: TripNotes,
  messages: NewOutboxMessage[],
): Promise<void> {
  await db.query(
    "INSERT INTO trip_notes (id, rep_email, trip_id, body, created_at) VALUES ($1, $2, $3, $4, $5)",
    [notes.id, notes.rep, notes.tripId, JSON.stringify(notes), notes.createdAt.toISOString()],
  );
  if (notes.tripId) await db.query("UPDATE planned_trips SET status = 'noted' WHERE id = $1", [notes.tripId]);
  for (const message of messages) await enqueue(db, message, notes.createdAt);
}

export async function listTripNotes(db: Queryable, rep?: string): Promise<TripNotes[]> {
  const result = rep
    ? await db.query<{ body: string }>(
        "SELECT body FROM trip_notes WHERE rep_email = $1 ORDER BY created_at",
        [rep],
      )
    : await db.query<{ body: string }>("SELECT body FROM trip_notes ORDER BY created_at");
  return result.rows.map((row) => fromBody<TripNotes>(row.body));
}

export async function claimTripReminder(
  db: PoolClient,
  tripId: string,
  localDate: string,
  max: number,
  message: NewOutboxMessage,
  now: Date,
): Promise<boolean> {
  const claimed = await db.query(
    `UPDATE planned_trips SET reminders_sent = reminders_sent + 1, last_reminded_on = $1
     WHERE id = $2 AND status = 'planned' AND reminders_sent < $3
       AND (last_reminded_on IS NULL OR last_reminded_on < $1)`,
    [localDate, tripId, max],
  );
  if (claimed.rowCount !== 1) return false;
  await enqueue(db, message, now);
  return true;
}

export async function saveGiveBack(
  db: PoolClient,
  project: GiveBackProject,
  messages: NewOutboxMessage[],
): Promise<void> {
  const at = project.createdAt.toISOString();
  await db.query(
    "INSERT INTO give_backs (id, rep_email, title, body, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
    [project.id, project.rep, project.title, JSON.stringify(project), project.status, at],
  );
  for (const message of messages) await enqueue(db, message, project.createdAt);
}

export async function getGiveBack(db: Queryable, id: string): Promise<GiveBackProject | null> {
  const result = await db.query<{ body: string; status: GiveBackStatus }>(
    "SELECT body, status FROM give_backs WHERE id = $1",
    [id],
  );
  const row = result.rows[0];
  return row ? toGiveBack(row) : null;
}

export async function listGiveBacks(db: Queryable): Promise<GiveBackProject[]> {
  const result = await db.query<{ body: string; status: GiveBackStatus }>(
    "SELECT body, status FROM give_backs ORDER BY created_at",
  );
  return result.rows.map(toGiveBack);
}

export async function setGiveBackStatus(
  db: Queryable,
  id: string,
  status: GiveBackStatus,
  now: Date,
): Promise<void> {
  await db.query("UPDATE give_backs SET status = $1, updated_at = $2 WHERE id = $3", [
    status,
    now.toISOString(),
    id,
  ]);
}

export async function answerCheckIn(
  db: Queryable,
  projectId: string,
  rep: string,
  month: string,
  used: boolean,
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO adoption_answers (project_id, rep_email, month, used, answered_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [projectId, rep, month, used ? 1 : 0, now.toISOString()],
  );
  return result.rowCount === 1;
}

export async function adoptionYes(db: Queryable, month: string): Promise<Map<string, number>> {
  const result = await db.query<{ project_id: string; yes: string }>(
    "SELECT project_id, COUNT(DISTINCT rep_email) AS yes FROM adoption_answers WHERE month = $1 AND used = 1 GROUP BY project_id",
    [month],
  );
  return new Map(result.rows.map((row) => [row.project_id, Number(row.yes)]));
}
