// The event ROI planner and trip notes forms.
import { z } from "zod";
import { TRIP_LIMITS } from "../../domain/trip-limits.ts";
import {
  amount,
  type CrossCheck,
  count,
  datesInOrder,
  optionalAmount,
  optionalText,
  optionalUrl,
  requiredDate,
  requiredText,
  yesNo,
} from "./form-fields.ts";

export const tripPlanForm = z.object({
  eventName: requiredText(150),
  startDate: requiredDate,
  endDate: requiredDate,
  travelCost: amount(TRIP_LIMITS.travelCost),
  foodAndLodgingCost: amount(TRIP_LIMITS.foodAndLodgingCost),
  meals: count(TRIP_LIMITS.meals),
  customers: count(TRIP_LIMITS.customers),
  times: count(TRIP_LIMITS.times),
  costPerMeal: amount(TRIP_LIMITS.costPerMeal),
  businessHoursAway: amount(TRIP_LIMITS.businessHoursAway),
  personalHoursAway: amount(TRIP_LIMITS.personalHoursAway),
  meetingsBooked: count(TRIP_LIMITS.meetingsBooked),
});

export type TripPlanInput = z.output<typeof tripPlanForm>;

export const tripNotesForm = z.object({
  tripId: optionalText(64),
  eventName: requiredText(150),
  startDate: requiredDate,
  endDate: requiredDate,
  location: optionalText(150),
  accountsMet: optionalText(),
  insights: requiredText(),
  pipelineCreated: optionalAmount(TRIP_LIMITS.pipelineCreated),
  followUps: optionalText(),
  notesUrl: optionalUrl,
  feedbackShared: yesNo,
});

export type TripNotesInput = z.output<typeof tripNotesForm>;

export const TRIP_CHECKS: CrossCheck[] = [datesInOrder];
