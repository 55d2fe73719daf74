// The event ROI planner and trip notes forms.
import { z } from "zod";
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
  travelCost: amount,
  foodAndLodgingCost: amount,
  meals: count,
  customers: count,
  times: count,
  costPerMeal: amount,
  businessHoursAway: amount,
  personalHoursAway: amount,
  meetingsBooked: count,
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
  pipelineCreated: optionalAmount,
  followUps: optionalText(),
  notesUrl: optionalUrl,
  feedbackShared: yesNo,
});

export type TripNotesInput = z.output<typeof tripNotesForm>;

export const TRIP_CHECKS: CrossCheck[] = [datesInOrder];
