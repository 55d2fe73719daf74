// Trips, trip notes, Give Back projects and check-ins over either database. Records are kept as JSON
// bodies beside the columns that queries need; what queues a message does it in the same transaction.
import type { TripNotes } from "../domain/rituals.ts";
import type { Db } from "./db.ts";
import { enqueueIn } from "./outbox-sql.ts";
import type { RitualsStore } from "./rituals-store.ts";
import { fromBody, toGiveBack, toTrip, tripRow } from "./rows.ts";

export function ritualsStore(db: Db): RitualsStore {
  const { k } = db;
  const trips = () => k.selectFrom("planned_trips").selectAll();
  return {
    savePlannedTrip: async (trip) => {
      await k.insertInto("planned_trips").values(tripRow(trip)).execute();
    },
    getPlannedTrip: async (id) => {
      const row = await trips().where("id", "=", id).executeTakeFirst();
      return row ? toTrip(row) : null;
    },
    listPlannedTrips: async (rep) =>
      (
        await trips()
          .where("status", "=", "planned")
          .$if(Boolean(rep), (query) => query.where("rep_email", "=", rep as string))
          .orderBy("start_date")
          .execute()
      ).map(toTrip),
    listAllPlannedTrips: async () =>
      (await trips().orderBy("start_date").orderBy("id").execute()).map(toTrip),
    saveTripNotes: (notes, messages) =>
      db.transaction(async (t) => {
        await t.k
          .insertInto("trip_notes")
          .values({
            id: notes.id,
            rep_email: notes.rep,
            trip_id: notes.tripId,
            body: JSON.stringify(notes),
            created_at: notes.createdAt.toISOString(),
          })
          .execute();
        if (notes.tripId)
          await t.k
            .updateTable("planned_trips")
            .set({ status: "noted" })
            .where("id", "=", notes.tripId)
            .execute();
        for (const message of messages) await enqueueIn(t, message, notes.createdAt);
      }),
    listTripNotes: async (rep) =>
      (
        await k
          .selectFrom("trip_notes")
          .select("body")
          .$if(Boolean(rep), (query) => query.where("rep_email", "=", rep as string))
          .orderBy("created_at")
          .execute()
      ).map((row) => fromBody<TripNotes>(row.body)),
    claimTripReminder: (tripId, localDate, max, message, now) =>
      db.transaction(async (t) => {
        const claimed = await t.k
          .updateTable("planned_trips")
          .set((eb) => ({ reminders_sent: eb("reminders_sent", "+", 1), last_reminded_on: localDate }))
          .where("id", "=", tripId)
          .where("status", "=", "planned")
          .where("reminders_sent", "<", max)
          .where((eb) => eb.or([eb("last_reminded_on", "is", null), eb("last_reminded_on", "<", localDate)]))
          .executeTakeFirst();
        if (claimed.numUpdatedRows !== 1n) return false;
        await enqueueIn(t, message, now);
        return true;
      }),

    saveGiveBack: (project, messages) =>
      db.transaction(async (t) => {
        const at = project.createdAt.toISOString();
        await t.k
          .insertInto("give_backs")
          .values({
            id: project.id,
            rep_email: project.rep,
            title: project.title,
            body: JSON.stringify(project),
            status: project.status,
            created_at: at,
            updated_at: at,
          })
          .execute();
        for (const message of messages) await enqueueIn(t, message, project.createdAt);
      }),
    getGiveBack: async (id) => {
      const row = await k
        .selectFrom("give_backs")
        .select(["body", "status"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toGiveBack(row) : null;
    },
    listGiveBacks: async () =>
      (await k.selectFrom("give_backs").select(["body", "status"]).orderBy("created_at").execute()).map(
        toGiveBack,
      ),
    setGiveBackStatus: async (id, status, now) => {
      await k
        .updateTable("give_backs")
        .set({ status, updated_at: now.toISOString() })
        .where("id", "=", id)
        .execute();
    },
    answerCheckIn: async (projectId, rep, month, used, now) => {
      const result = await k
        .insertInto("adoption_answers")
        .values({
          project_id: projectId,
          rep_email: rep,
          month,
          used: used ? 1 : 0,
          answered_at: now.toISOString(),
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return result.numInsertedOrUpdatedRows === 1n;
    },
    adoptionYes: async (month) => {
      const rows = await k
        .selectFrom("adoption_answers")
        .select((eb) => ["project_id", eb.fn.count<number>("rep_email").distinct().as("yes")])
        .where("month", "=", month)
        .where("used", "=", 1)
        .groupBy("project_id")
        .execute();
      return new Map(rows.map((row) => [row.project_id, Number(row.yes)]));
    },
  };
}
