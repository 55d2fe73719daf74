// The bounds of a trip form's numbers, shared by the form that checks them and the modal that asks.

/**
 * The largest number each field takes: well above any real trip, low enough that the totals built
 * on them (meals × customers × times × cost per meal) stay exact. The modal tells Slack the same.
 */
export const TRIP_LIMITS = {
  travelCost: 1_000_000,
  foodAndLodgingCost: 1_000_000,
  meals: 100,
  customers: 1_000,
  times: 100,
  costPerMeal: 10_000,
  /** A year is 8,760 hours. */
  businessHoursAway: 10_000,
  personalHoursAway: 10_000,
  meetingsBooked: 1_000,
  pipelineCreated: 1_000_000_000,
} as const;
