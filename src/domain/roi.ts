// The handbook's event ROI: what a trip costs, and the pipeline it must create to be worth it.

export interface TripCosts {
  travelCost: number;
  foodAndLodgingCost: number;
  /** Customer meals: meals × customers × times × cost per meal. */
  meals: number;
  customers: number;
  times: number;
  costPerMeal: number;
  businessHoursAway: number;
  personalHoursAway: number;
}

export interface RoiSettings {
  /** The return the spend must earn (the handbook: 5×). */
  returnMultiple: number;
  /** The share of event pipeline that closes (the handbook: about 30%). */
  eventCloseRate: number;
}

export const DEFAULT_ROI: RoiSettings = { returnMultiple: 5, eventCloseRate: 0.3 };

export interface TripRoi {
  customerMealsCost: number;
  totalCost: number;
  /** Pipeline (iACV) the event must create: cost × return multiple ÷ close rate. */
  pipelineNeeded: number;
  hoursAway: number;
}

export function tripRoi(costs: TripCosts, settings: RoiSettings = DEFAULT_ROI): TripRoi {
  const customerMealsCost = costs.meals * costs.customers * costs.times * costs.costPerMeal;
  const totalCost = costs.travelCost + costs.foodAndLodgingCost + customerMealsCost;
  return {
    customerMealsCost,
    totalCost,
    pipelineNeeded: (totalCost * settings.returnMultiple) / settings.eventCloseRate,
    hoursAway: costs.businessHoursAway + costs.personalHoursAway,
  };
}
