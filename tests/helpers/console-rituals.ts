// Trips, trip notes, Give Back projects and check-in answers for the console tests, written through the
// bot's TripService and GiveBackService on their own dates, as the Slack modals and buttons would.
import type { Bot } from "../../src/app.ts";
import type { TripNotesInput, TripPlanInput } from "../../src/services/forms/trip-forms.ts";
import { USERS } from "./bot-harness.ts";

type Plan = Omit<TripPlanInput, "eventName" | "startDate" | "endDate">;

const plan = (costs: Partial<Plan>): Plan => ({
  travelCost: 0,
  foodAndLodgingCost: 0,
  meals: 0,
  customers: 0,
  times: 0,
  costPerMeal: 0,
  businessHoursAway: 16,
  personalHoursAway: 4,
  meetingsBooked: 3,
  ...costs,
});

const notes = (eventName: string, startDate: string, endDate: string, pipelineCreated: number) =>
  ({
    tripId: null,
    eventName,
    startDate,
    endDate,
    location: null,
    accountsMet: null,
    insights: "Met the buyer and their team; next step booked.",
    pipelineCreated,
    followUps: null,
    notesUrl: null,
    feedbackShared: true,
  }) satisfies TripNotesInput;

/**
 * What the pages must show. Ava's trip beat its target and Ken's fell short; Cy's (on another
 * manager's team) is still ahead.
 * Cost = travel + food and lodging + meals × customers × times × cost per meal; needed = cost × 5 ÷ 0.3.
 */
export const RITUAL_TRIPS = {
  ava: {
    event: "Berlin Field Day",
    rep: "Ava Okafor",
    cost: "$1,230",
    needed: "$20,500",
    created: "$32,000",
  },
  ken: {
    event: "Tokyo Customer Roundtable",
    rep: "Ken Sato",
    cost: "$2,550",
    needed: "$42,500",
    created: "$9,500",
  },
  cy: { event: "Austin Partner Summit", rep: "Cy Vance", cost: "$1,800", needed: "$30,000", created: "–" },
} as const;

/** The completed project everyone is asked about, and who said yes to it each month. */
export const RITUAL_PROJECT = "Pricing objection playbook";
const USED: Record<string, string[]> = {
  // Two of the team of four (Mia, Ava, Ken, Cy): under the 70% goal.
  "2026-01": ["ava@example.com", "ken@example.com"],
  // Three of four: over it. Mia's own team (Mia, Ava, Ken) said yes to a person.
  "2026-02": ["mia@example.com", "ava@example.com", "ken@example.com"],
};
const MEMBERS = ["mia@example.com", "ava@example.com", "ken@example.com", "cy@example.com"];

/** Writes January to March's rituals; the clock ends where it was. */
export async function recordRituals(bot: Bot, clock: { now: Date }): Promise<void> {
  const end = clock.now;
  const at = (date: string) => {
    clock.now = new Date(`${date}T15:00:00Z`);
  };
  const { trips, giveBacks } = bot;
  try {
    at("2026-01-12");
    const project = await giveBacks.submit("ava@example.com", "UAVA", {
      title: RITUAL_PROJECT,
      problem: "Reps improvise answers to the same three pricing objections.",
      description: "The answers that worked, by objection, with the deal they worked on.",
      coeTopic: "Sales content/collateral",
      trackingUrl: null,
      repeatable: false,
      handbookUrl: null,
      status: "in progress",
    });
    at("2026-01-20");
    await giveBacks.setStatus({ email: "ava@example.com", isAdmin: false }, project.id, "completed");
    for (const [month, day] of [
      ["2026-01", "2026-01-26"],
      ["2026-02", "2026-02-25"],
    ] as const) {
      at(day);
      for (const member of MEMBERS)
        await giveBacks.answerCheckIn(member, project.id, month, USED[month]?.includes(member) ?? false);
    }
    at("2026-02-03");
    await giveBacks.submit("mia@example.com", "UMIA", {
      title: "Weekly forecast template",
      problem: "Every manager rebuilds the forecast sheet each Monday.",
      description: null,
      coeTopic: null,
      trackingUrl: null,
      repeatable: false,
      handbookUrl: null,
      status: "proposed",
    });

    const trip = async (
      rep: string,
      { event }: { event: string },
      dates: { planOn: string; from: string; to: string; notesOn?: string; created?: number },
      costs: Partial<Plan>,
    ) => {
      at(dates.planOn);
      const planned = await trips.plan(rep, {
        ...plan(costs),
        eventName: event,
        startDate: dates.from,
        endDate: dates.to,
      });
      if (!dates.notesOn || dates.created === undefined) return;
      at(dates.notesOn);
      await trips.submitNotes(rep, USERS[rep] ?? "", {
        ...notes(event, dates.from, dates.to, dates.created),
        tripId: planned.trip.id,
      });
    };
    await trip(
      "ava@example.com",
      RITUAL_TRIPS.ava,
      { planOn: "2026-02-09", from: "2026-02-16", to: "2026-02-17", notesOn: "2026-02-18", created: 32_000 },
      { travelCost: 600, foodAndLodgingCost: 450, meals: 1, customers: 2, times: 2, costPerMeal: 45 },
    );
    await trip(
      "ken@example.com",
      RITUAL_TRIPS.ken,
      { planOn: "2026-02-12", from: "2026-02-23", to: "2026-02-24", notesOn: "2026-02-25", created: 9_500 },
      { travelCost: 1450, foodAndLodgingCost: 800, meals: 1, customers: 5, times: 1, costPerMeal: 60 },
    );
    // Cy is on another manager's team: Mia must not see his trip.
    await trip(
      "cy@example.com",
      RITUAL_TRIPS.cy,
      { planOn: "2026-03-02", from: "2026-03-16", to: "2026-03-17" },
      { travelCost: 900, foodAndLodgingCost: 540, meals: 1, customers: 4, times: 1, costPerMeal: 90 },
    );
  } finally {
    clock.now = end;
  }
}
