// The Give Back project form.
import { z } from "zod";
import { COE_TOPICS, GIVE_BACK_STATUSES } from "../../domain/rituals.ts";
import { type CrossCheck, oneOf, optionalText, optionalUrl, requiredText, yesNo } from "./form-fields.ts";

export const giveBackForm = z.object({
  title: requiredText(150),
  problem: requiredText(),
  description: optionalText(),
  coeTopic: oneOf(COE_TOPICS, null),
  trackingUrl: optionalUrl,
  repeatable: yesNo.transform((value) => value === true),
  handbookUrl: optionalUrl,
  status: oneOf(GIVE_BACK_STATUSES, "proposed").transform((value) => value ?? "proposed"),
});

/** A repeatable project needs its handbook entry. */
export const GIVE_BACK_CHECKS: CrossCheck[] = [
  (values): Record<string, string> =>
    values.repeatable === "yes" && (values.handbookUrl ?? "").trim() === ""
      ? { handbookUrl: "A repeatable project needs the link to its handbook entry." }
      : {},
];

export type GiveBackInput = z.output<typeof giveBackForm>;
