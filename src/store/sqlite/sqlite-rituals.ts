// Trips, trip notes, Give Back projects and check-ins in SQLite. Records are kept as JSON bodies
// beside the columns that queries need.
import type Database from "better-sqlite3";
import type { GiveBackProject, GiveBackStatus, PlannedTrip, TripNotes } from "../../domain/rituals.ts";
import type { NewOutboxMessage } from "../outbox.ts";
import type { RitualsStore } from "../rituals-store.ts";
import { fromBody, type TripRow, toGiveBack, toTrip, tripValues } from "../rows.ts";
import type { SqliteOutbox } from "./sqlite-outbox.ts";

type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

export class SqliteRituals implements Async<RitualsStore> {
  constructor(
    private readonly db: Database.Database,
    private readonly outbox: SqliteOutbox,
  ) {}

  savePlannedTrip(trip: PlannedTrip): void {
    this.db
      .prepare(
        `INSERT INTO planned_trips (id, rep_email, event_name, start_date, end_date, costs, meetings_booked, status, reminders_sent, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...tripValues(trip));
  }

  getPlannedTrip(id: string): PlannedTrip | null {
    const row = this.db.prepare("SELECT * FROM planned_trips WHERE id = ?").get(id) as TripRow | undefined;
    return row ? toTrip(row) : null;
  }

  listPlannedTrips(rep?: string): PlannedTrip[] {
    const rows = (
      rep
        ? this.db
            .prepare(
              "SELECT * FROM planned_trips WHERE status = 'planned' AND rep_email = ? ORDER BY start_date",
            )
            .all(rep)
        : this.db.prepare("SELECT * FROM planned_trips WHERE status = 'planned' ORDER BY start_date").all()
    ) as TripRow[];
    return rows.map(toTrip);
  }

  listAllPlannedTrips(): PlannedTrip[] {
    const rows = this.db.prepare("SELECT * FROM planned_trips ORDER BY start_date, id").all() as TripRow[];
    return rows.map(toTrip);
  }

  saveTripNotes(notes: TripNotes, messages: NewOutboxMessage[]): void {
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO trip_notes (id, rep_email, trip_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
        .run(notes.id, notes.rep, notes.tripId, JSON.stringify(notes), notes.createdAt.toISOString());
      if (notes.tripId)
        this.db.prepare("UPDATE planned_trips SET status = 'noted' WHERE id = ?").run(notes.tripId);
      for (const message of messages) this.outbox.enqueue(message, notes.createdAt);
    })();
  }

  listTripNotes(rep?: string): TripNotes[] {
    const rows = (
      rep
        ? this.db.prepare("SELECT body FROM trip_notes WHERE rep_email = ? ORDER BY created_at").all(rep)
        : this.db.prepare("SELECT body FROM trip_notes ORDER BY created_at").all()
    ) as { body: string }[];
    return rows.map((row) => fromBody<TripNotes>(row.body));
  }

  claimTripReminder(
    tripId: string,
    localDate: string,
    max: number,
    message: NewOutboxMessage,
    now: Date,
  ): boolean {
    return this.db.transaction(() => {
      const claimed = this.db
        .prepare(
          `UPDATE planned_trips SET reminders_sent = reminders_sent + 1, last_reminded_on = ?
           WHERE id = ? AND status = 'planned' AND reminders_sent < ?
             AND (last_reminded_on IS NULL OR last_reminded_on < ?)`,
        )
        .run(localDate, tripId, max, localDate);
      if (claimed.changes !== 1) return false;
      this.outbox.enqueue(message, now);
      return true;
    })();
  }

  saveGiveBack(project: GiveBackProject, messages: NewOutboxMessage[]): void {
    this.db.transaction(() => {
      const at = project.createdAt.toISOString();
      this.db
        .prepare(
          "INSERT INTO give_backs (id, rep_email, title, body, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(project.id, project.rep, project.title, JSON.stringify(project), project.status, at, at);
      for (const message of messages) this.outbox.enqueue(message, project.createdAt);
    })();
  }

  getGiveBack(id: string): GiveBackProject | null {
    const row = this.db.prepare("SELECT body, status FROM give_backs WHERE id = ?").get(id) as
      | { body: string; status: GiveBackStatus }
      | undefined;
    return row ? toGiveBack(row) : null;
  }

  listGiveBacks(): GiveBackProject[] {
    const rows = this.db.prepare("SELECT body, status FROM give_backs ORDER BY created_at").all() as {
      body: string;
      status: GiveBackStatus;
    }[];
    return rows.map(toGiveBack);
  }

  setGiveBackStatus(id: string, status: GiveBackStatus, now: Date): void {
    this.db
      .prepare("UPDATE give_backs SET status = ?, updated_at = ? WHERE id = ?")
      .run(status, now.toISOString(), id);
  }

  answerCheckIn(projectId: string, rep: string, month: string, used: boolean, now: Date): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO adoption_answers (project_id, rep_email, month, used, answered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(projectId, rep, month, used ? 1 : 0, now.toISOString());
    return result.changes === 1;
  }

  adoptionYes(month: string): Map<string, number> {
    const rows = this.db
      .prepare(
        "SELECT project_id, COUNT(DISTINCT rep_email) AS yes FROM adoption_answers WHERE month = ? AND used = 1 GROUP BY project_id",
      )
      .all(month) as { project_id: string; yes: number }[];
    return new Map(rows.map((row) => [row.project_id, row.yes]));
  }

  queuedKeys(prefix: string): Set<string> {
    return this.outbox.queuedKeys(prefix);
  }

  getSetting(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, value, now.toISOString());
  }
}
