// The part of the store port for trips, trip notes, Give Back projects and adoption check-ins.
import type { GiveBackProject, GiveBackStatus, PlannedTrip, TripNotes } from "../domain/rituals.ts";
import type { NewOutboxMessage } from "./outbox.ts";

export interface RitualsStore {
  savePlannedTrip(trip: PlannedTrip): Promise<void>;
  getPlannedTrip(id: string): Promise<PlannedTrip | null>;
  /** Planned trips without notes yet: all of them, or one rep's. */
  listPlannedTrips(rep?: string): Promise<PlannedTrip[]>;
  /** Every planned trip, with notes or not, in one read (the console's trip table). */
  listAllPlannedTrips(): Promise<PlannedTrip[]>;
  /**
   * Saves trip notes, closes their planned trip and queues their messages, in one transaction:
   * once this returns, the posts will happen even if the process dies now.
   */
  saveTripNotes(notes: TripNotes, messages: NewOutboxMessage[]): Promise<void>;
  listTripNotes(rep?: string): Promise<TripNotes[]>;
  /**
   * Counts one reminder for a planned trip still without notes, at most `max` and one per local
   * date, and queues it; false when the trip needs no reminder today.
   */
  claimTripReminder(
    tripId: string,
    localDate: string,
    max: number,
    message: NewOutboxMessage,
    now: Date,
  ): Promise<boolean>;

  saveGiveBack(project: GiveBackProject, messages: NewOutboxMessage[]): Promise<void>;
  getGiveBack(id: string): Promise<GiveBackProject | null>;
  listGiveBacks(): Promise<GiveBackProject[]>;
  setGiveBackStatus(id: string, status: GiveBackStatus, now: Date): Promise<void>;
  /** Records a check-in answer; the first answer for (project, rep, month) stands. */
  answerCheckIn(projectId: string, rep: string, month: string, used: boolean, now: Date): Promise<boolean>;
  /** Distinct "yes" answers per project for a month. */
  adoptionYes(month: string): Promise<Map<string, number>>;
}
