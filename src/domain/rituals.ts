// Trip notes, planned trips and Give Back projects: what reps submit, as the store keeps it.
import type { IsoDate } from "./model.ts";
import type { TripCosts } from "./roi.ts";

export interface PlannedTrip extends TripCosts {
  id: string;
  rep: string;
  eventName: string;
  startDate: IsoDate;
  endDate: IsoDate;
  meetingsBooked: number;
  status: "planned" | "noted";
  remindersSent: number;
  createdAt: Date;
}

export interface TripNotes {
  id: string;
  rep: string;
  /** The planned trip these notes close, if any. */
  tripId: string | null;
  eventName: string;
  startDate: IsoDate;
  endDate: IsoDate;
  location: string | null;
  accountsMet: string | null;
  insights: string;
  pipelineCreated: number | null;
  followUps: string | null;
  notesUrl: string | null;
  feedbackShared: boolean | null;
  createdAt: Date;
}

export const GIVE_BACK_STATUSES = ["proposed", "in progress", "completed"] as const;
export type GiveBackStatus = (typeof GIVE_BACK_STATUSES)[number];

/** The handbook's Commercial Center of Excellence topics. */
export const COE_TOPICS = [
  "Communication and Collaboration",
  "Customer Portal",
  "Customer Advisory Board",
  "Feedback Loop",
  "Hosted gitlab.com",
  "KISS enablement",
  "Marketing campaigns",
  "Sales content/collateral",
  "Sales process - SDR",
  "Services",
  "Ultimate",
] as const;

export interface GiveBackProject {
  id: string;
  rep: string;
  title: string;
  problem: string;
  description: string | null;
  coeTopic: string | null;
  trackingUrl: string | null;
  repeatable: boolean;
  handbookUrl: string | null;
  status: GiveBackStatus;
  createdAt: Date;
}
