// Trips: the ROI planner saves a planned trip; trip notes are saved, then posted to the team channel
// with a confirmation to the rep; reps are reminded after a planned trip until they share notes.
import { randomUUID } from "node:crypto";
import type { Config } from "../config/config.ts";
import type { PlannedTrip, TripNotes } from "../domain/rituals.ts";
import { type TripRoi, tripRoi } from "../domain/roi.ts";
import type { Logger } from "../logging.ts";
import { tripNotesConfirmation, tripNotesPost, tripReminder } from "../messages/trip-views.ts";
import type { RitualsStore } from "../store/rituals-store.ts";
import { channelTarget } from "./channel-directory.ts";
import type { Directory } from "./directory.ts";
import type { TripNotesInput, TripPlanInput } from "./forms/trip-forms.ts";
import { tripNotesKey, tripNotesThanksKey, tripReminderKey } from "./outbox-keys.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import type { QuietDays } from "./quiet-days.ts";

export const MAX_TRIP_REMINDERS = 3;

export interface TripDeps {
  store: RitualsStore;
  pipeline: PipelineCache;
  directory: Directory;
  config: Pick<Config, "roi" | "channel" | "digest" | "defaultTimezone">;
  logger: Logger;
  clock: () => Date;
  quiet: QuietDays;
  newId?: () => string;
}

export class TripService {
  private readonly newId: () => string;

  constructor(private readonly deps: TripDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  async plan(rep: string, input: TripPlanInput): Promise<{ trip: PlannedTrip; roi: TripRoi }> {
    const trip: PlannedTrip = {
      ...input,
      id: this.newId(),
      rep,
      status: "planned",
      remindersSent: 0,
      createdAt: this.deps.clock(),
    };
    await this.deps.store.savePlannedTrip(trip);
    return { trip, roi: tripRoi(trip, this.deps.config.roi) };
  }

  plannedTrips(rep: string): Promise<PlannedTrip[]> {
    return this.deps.store.listPlannedTrips(rep);
  }

  async plannedTrip(rep: string, id: string): Promise<PlannedTrip | null> {
    const trip = await this.deps.store.getPlannedTrip(id);
    return trip && trip.rep === rep && trip.status === "planned" ? trip : null;
  }

  /** Saves the notes and queues the channel post and the rep's confirmation in one transaction. */
  async submitNotes(rep: string, userId: string, input: TripNotesInput): Promise<TripNotes> {
    const tripId = input.tripId && (await this.plannedTrip(rep, input.tripId)) ? input.tripId : null;
    const notes: TripNotes = { ...input, tripId, id: this.newId(), rep, createdAt: this.deps.clock() };
    const channel = this.deps.config.channel.name;
    await this.deps.store.saveTripNotes(notes, [
      {
        key: tripNotesKey(notes.id),
        kind: "trip-notes",
        channel: channelTarget(channel),
        payload: tripNotesPost(notes, userId),
      },
      {
        key: tripNotesThanksKey(notes.id),
        kind: "confirmation",
        channel: userId,
        payload: tripNotesConfirmation(notes, channel),
      },
    ]);
    this.deps.logger.info({ rep, notes: notes.id, trip: tripId }, "trip notes saved");
    return notes;
  }

  /** Queues the reminders due now: after the trip's end, on working days in the rep's window, at most 3. */
  async queueReminders(): Promise<number> {
    const { store, pipeline, directory, clock } = this.deps;
    const trips = await store.listPlannedTrips();
    if (trips.length === 0) return 0;
    const now = clock();
    const { snapshot } = await pipeline.current("cached");
    const reps = new Map(snapshot.reps.map((rep) => [rep.email.toLowerCase(), rep]));
    const check = await this.deps.quiet.at(now);
    const localOf = (trip: PlannedTrip) => check.of(trip.rep, reps.get(trip.rep) ?? null);
    // After the trip, on the rep's next working day (not a holiday, not paused), in their window.
    const due = trips.filter((trip) => {
      if (trip.remindersSent >= MAX_TRIP_REMINDERS) return false;
      const state = localOf(trip);
      return state.local.date > trip.endDate && state.due;
    });
    if (due.length === 0) return 0;
    const users = await directory.resolve(due.map((trip) => trip.rep));
    let queued = 0;
    for (const trip of due) {
      const userId = users.get(trip.rep);
      if (!userId) continue;
      const today = localOf(trip).local.date;
      const count = trip.remindersSent + 1;
      const claimed = await store.claimTripReminder(
        trip.id,
        today,
        MAX_TRIP_REMINDERS,
        {
          key: tripReminderKey(trip.id, count),
          kind: "reminder",
          channel: userId,
          payload: tripReminder(trip, count, MAX_TRIP_REMINDERS),
        },
        now,
      );
      if (claimed) queued += 1;
    }
    return queued;
  }
}
