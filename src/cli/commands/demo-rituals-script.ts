// What the sample team does for its rituals during the history demo's four weeks, by day of the demo
// (day 0 is its first): trips planned and noted, Give Back projects and how widely each is used.

import type { GiveBackStatus } from "../../domain/rituals.ts";
import type { GiveBackInput } from "../../services/forms/give-back-form.ts";
import type { TripPlanInput } from "../../services/forms/trip-forms.ts";

/** A trip: planned `planOn` days into the month, held `from`–`to`, noted `notesOn` (or never). */
export interface TripScript {
  rep: string;
  planOn: number;
  from: number;
  to: number;
  plan: Omit<TripPlanInput, "eventName" | "startDate" | "endDate">;
  eventName: string;
  notes: {
    on: number;
    pipelineCreated: number;
    location: string;
    accountsMet: string;
    insights: string;
  } | null;
}

export const TRIPS: TripScript[] = [
  {
    rep: "yuki.castillo@example.com",
    eventName: "SaaStr Annual",
    planOn: 1,
    from: 6,
    to: 8,
    plan: {
      ...{ travelCost: 1200, foodAndLodgingCost: 900, meals: 2, customers: 4, times: 2, costPerMeal: 60 },
      ...{ businessHoursAway: 24, personalHoursAway: 6, meetingsBooked: 7 },
    },
    notes: {
      on: 9,
      pipelineCreated: 85_000,
      location: "San Mateo, CA",
      accountsMet: "Northwind (CFO), Contoso (VP Sales), Fabrikam (champion)",
      insights: "Two buyers want a pilot before their Q2 planning; Fabrikam asked for a security review.",
    },
  },
  {
    rep: "chloe.patel@example.com",
    eventName: "Retail Tech Summit",
    planOn: 5,
    from: 13,
    to: 14,
    plan: {
      ...{ travelCost: 780, foodAndLodgingCost: 660, meals: 1, customers: 3, times: 2, costPerMeal: 50 },
      ...{ businessHoursAway: 16, personalHoursAway: 4, meetingsBooked: 3 },
    },
    notes: {
      on: 16,
      pipelineCreated: 12_000,
      location: "Chicago, IL",
      accountsMet: "Tailspin Toys (buyer)",
      insights: "Mostly vendors at the booths; the buyers we met already run a competitor.",
    },
  },
  {
    rep: "daniel.tanaka@example.com",
    eventName: "Nordic CIO Roundtable",
    planOn: 19,
    from: 34,
    to: 35,
    plan: {
      ...{ travelCost: 1000, foodAndLodgingCost: 1100, meals: 1, customers: 6, times: 1, costPerMeal: 75 },
      ...{ businessHoursAway: 16, personalHoursAway: 8, meetingsBooked: 4 },
    },
    notes: null,
  },
];

/** Notes for a customer visit nobody planned in the ROI planner. */
export const UNPLANNED_VISIT = {
  rep: "sofia.silva@example.com",
  on: 21,
  day: 20,
  eventName: "Customer visit: Northwind",
  pipelineCreated: 18_000,
};

/** A Give Back project: submitted `on`, its status changes after, and how many use it once done. */
export interface ProjectScript {
  rep: string;
  on: number;
  input: Omit<GiveBackInput, "status">;
  statuses: [day: number, status: GiveBackStatus][];
  /** The chance a team member who answers the check-in says they used it. */
  uptake: number;
}

export const PROJECTS: ProjectScript[] = [
  {
    rep: "sofia.silva@example.com",
    on: 0,
    input: {
      title: "Discovery call question bank",
      problem: "New AEs ask the same weak questions on first calls.",
      description: "A shared doc of discovery questions by segment, with the answers that qualify a deal.",
      coeTopic: "Sales content/collateral",
      trackingUrl: "https://issues.example.com/sales/give-back/41",
      repeatable: true,
      handbookUrl: "https://handbook.example.com/sales/discovery-questions",
    },
    statuses: [
      [0, "in progress"],
      [6, "completed"],
    ],
    uptake: 0.85,
  },
  {
    rep: "leah.ibrahim@example.com",
    on: 2,
    input: {
      title: "Renewal risk checklist",
      problem: "Renewals at risk are spotted a month too late.",
      description: "Ten signals to check 90 days before a renewal, and who to bring in for each.",
      coeTopic: "Services",
      trackingUrl: "https://issues.example.com/sales/give-back/44",
      repeatable: false,
      handbookUrl: null,
    },
    statuses: [
      [2, "proposed"],
      [5, "in progress"],
      [12, "completed"],
    ],
    uptake: 0.4,
  },
  {
    rep: "ethan.walsh@example.com",
    on: 22,
    input: {
      title: "First-week notes for new AEs",
      problem: "The onboarding checklist misses the tools the team really uses.",
      description: null,
      coeTopic: "KISS enablement",
      trackingUrl: null,
      repeatable: false,
      handbookUrl: null,
    },
    statuses: [[22, "proposed"]],
    uptake: 0,
  },
];

/** A team member who gets a check-in leaves it unanswered this often. */
export const NO_ANSWER = 0.1;
