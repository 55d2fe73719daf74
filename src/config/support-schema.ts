// `support:` in the config file and the ZENDESK_* variables: the support queue's settings, off
// without all three variables.
import { z } from "zod";
import { parseWorkingDays } from "../domain/calendar.ts";
import { isValidTimezone } from "../domain/dates.ts";
import type { Weekday } from "../domain/model.ts";
import type { SupportSettings } from "../domain/support-settings.ts";

const clock = z
  .string("expected a time such as 08:00")
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "expected a time such as 08:00")
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));

const days = z
  .union([z.string(), z.array(z.string())], "expected days such as Mon-Fri or [Mon, Tue, Wed]")
  .transform((value, context): Weekday[] => {
    const parsed = parseWorkingDays(Array.isArray(value) ? value.join(",") : value);
    if ("error" in parsed) {
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.days;
  });

const hoursSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine(isValidTimezone, "expected an IANA timezone such as America/Los_Angeles")
      .default("America/Los_Angeles"),
    days: days.default([1, 2, 3, 4, 5]),
    start: clock.default(8 * 60),
    end: clock.default(17 * 60),
  })
  .refine((hours) => hours.end > hours.start, { message: "end must be later than start", path: ["end"] });

const tagList = z.array(
  z
    .string()
    .min(1)
    .transform((tag) => tag.trim().toLowerCase()),
);

const triageSchema = z.union(
  [
    z.strictObject({ segment: z.string().min(1) }),
    z
      .array(z.email("expected a rep's email"))
      .min(1, "expected at least one email")
      .transform((emails) => ({ emails: emails.map((email) => email.toLowerCase()) })),
  ],
  "expected {segment: SMB} or a list of rep emails",
);

export const DEFAULT_FORWARD_TAGS = [
  "upgrade",
  "renewal",
  "downgrade",
  "cancellation",
  "true_up",
  "refund",
  "credit",
];
export const DEFAULT_APPROVAL_TAGS = ["refund", "credit"];

export const supportSchema = z.strictObject({
  groups: z
    .array(z.string().min(1))
    .min(1, "expected at least one group")
    .default(["Upgrades", "Renewals", "AR"]),
  hours: hoursSchema.default(() => hoursSchema.parse({})),
  triage: triageSchema.default({ segment: "SMB" }),
  leadMinutes: z
    .number("expected minutes ≥ 1")
    .int("expected whole minutes")
    .min(1, "expected minutes ≥ 1")
    .max(24 * 60, "expected at most 1440 minutes (a day)")
    .default(120),
  pollMinutes: z
    .number("expected minutes ≥ 1")
    .int("expected whole minutes")
    .min(1, "expected at least 1 minute")
    .max(60, "expected at most 60 minutes")
    .default(5),
  forwardTags: tagList.default(DEFAULT_FORWARD_TAGS),
  approvalTags: tagList.default(DEFAULT_APPROVAL_TAGS),
});

export function supportSettings(file: z.output<typeof supportSchema>): SupportSettings {
  return { ...file, hours: { ...file.hours } };
}

export const zendeskEnv = {
  ZENDESK_URL: z
    .url("expected the Zendesk address such as https://acme.zendesk.com")
    .refine((value) => /^https?:\/\//.test(value), "expected an http:// or https:// address")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  ZENDESK_EMAIL: z.email("expected the email of the Zendesk agent the token belongs to").optional(),
  ZENDESK_API_TOKEN: z.string().min(1).optional(),
};

type ZendeskEnv = {
  ZENDESK_URL?: string | undefined;
  ZENDESK_EMAIL?: string | undefined;
  ZENDESK_API_TOKEN?: string | undefined;
};

/** All three set: the queue is on. One or two: a problem naming the missing ones. */
export function zendeskSettings(env: ZendeskEnv): {
  zendesk: { url: string; email: string; apiToken: string } | null;
  problems: string[];
} {
  const set = [env.ZENDESK_URL, env.ZENDESK_EMAIL, env.ZENDESK_API_TOKEN].filter(Boolean).length;
  if (env.ZENDESK_URL && env.ZENDESK_EMAIL && env.ZENDESK_API_TOKEN)
    return {
      zendesk: { url: env.ZENDESK_URL, email: env.ZENDESK_EMAIL, apiToken: env.ZENDESK_API_TOKEN },
      problems: [],
    };
  if (set === 0) return { zendesk: null, problems: [] };
  const missing = (["ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN"] as const).filter(
    (name) => !env[name],
  );
  return {
    zendesk: null,
    problems: [
      `${missing.join(", ")}: needed with the other ZENDESK_* variables for the support queue (or unset all three to leave it off)`,
    ],
  };
}
