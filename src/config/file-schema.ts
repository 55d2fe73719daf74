// The YAML configuration file: rules, thresholds, digest schedule and admins. Unknown keys are errors,
// so a typo never silently falls back to a default.
import { z } from "zod";
import { isIsoDate, isValidTimezone } from "../domain/dates.ts";
import { RULE_IDS } from "../domain/findings.ts";
import { SEGMENTS } from "../domain/model.ts";
import { DEFAULT_RULE_SETTINGS, type SegmentThresholds } from "../domain/settings.ts";
import { SOURCE_CONFIG } from "../sources/registry.ts";
import { supportSchema } from "./support-schema.ts";

export const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const clock = z
  .string("expected a time such as 09:00")
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time such as 09:00")
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));

const amount = z.number("expected a number").min(0, "expected a number ≥ 0");
const days = z.number("expected a number of days").int("expected whole days").min(0, "expected days ≥ 0");

function segmentSchema(defaults: SegmentThresholds) {
  return z.strictObject({
    deckAmount: amount.default(defaults.deckAmount),
    commandPlanAmount: amount.default(defaults.commandPlanAmount),
    fullCommandPlanIacv: amount.default(defaults.fullCommandPlanIacv),
    activityDays: days.default(defaults.activityDays),
    employeesMin: days.default(defaults.employeesMin),
    employeesBelow: z
      .number("expected a number of employees, or null for no upper bound")
      .int()
      .min(1)
      .nullable()
      .default(defaults.employeesBelow),
  });
}

const D = DEFAULT_RULE_SETTINGS;

const rulesSchema = z.strictObject({
  disabled: z.array(z.enum(RULE_IDS, `expected a rule id: ${RULE_IDS.join(", ")}`)).default([]),
  minNextStepWords: z.number().int().min(1, "expected at least 1 word").default(D.minNextStepWords),
  vaguePhrases: z.array(z.string().min(1)).default(D.vaguePhrases),
  closedReasonDays: days.default(D.closedReasonDays),
  /** Unset (or null): the CRM's own stage order. */
  stageOrder: z.array(z.string().min(1)).min(1, "expected at least one stage").nullable().default(null),
  defaultSegment: z.enum(SEGMENTS, "expected SMB or MM").default(D.defaultSegment),
  segments: z
    .strictObject({
      SMB: segmentSchema(D.segments.SMB).default(() => ({ ...D.segments.SMB })),
      MM: segmentSchema(D.segments.MM).default(() => ({ ...D.segments.MM })),
    })
    .default(() => ({ SMB: { ...D.segments.SMB }, MM: { ...D.segments.MM } })),
});

const digestSchema = z
  .strictObject({
    windowStart: clock.default(9 * 60),
    windowEnd: clock.default(17 * 60),
    workingDays: z
      .array(z.enum(WEEKDAY_NAMES, `expected day names: ${WEEKDAY_NAMES.join(", ")}`))
      .min(1, "expected at least one working day")
      .default(["Mon", "Tue", "Wed", "Thu", "Fri"]),
    managerDay: z.enum(WEEKDAY_NAMES, `expected a day name: ${WEEKDAY_NAMES.join(", ")}`).default("Mon"),
    managerTime: clock.default(9 * 60 + 30),
    /** Records that lead a digest with their findings and buttons; the rest are counted by rule. */
    focus: z
      .number("expected a whole number of records from 1 to 10")
      .int("expected a whole number of records from 1 to 10")
      .min(1, "expected a whole number of records from 1 to 10")
      .max(10, "expected a whole number of records from 1 to 10")
      .default(3),
    /**
     * Ignored: digests no longer end in "and N more" (every finding is in focus or a rule line).
     * Still accepted, so configs that set it keep loading.
     */
    maxRecords: z.number().int().min(1, "expected 1 to 23").max(23, "expected 1 to 23").optional(),
  })
  .refine((digest) => digest.windowEnd > digest.windowStart, {
    message: "windowEnd must be later than windowStart",
    path: ["windowEnd"],
  });

/** Proof by holdout: a share of new findings left out of digests for a few working days. */
const effectivenessSchema = z.strictObject({
  holdoutPercent: z
    .number("expected a percentage from 0 (off) to 50")
    .min(0, "expected a percentage from 0 (off) to 50")
    .max(50, "expected a percentage from 0 (off) to 50")
    .default(0),
  holdoutWorkingDays: z
    .number("expected a whole number of working days, at least 1")
    .int("expected a whole number of working days, at least 1")
    .min(1, "expected a whole number of working days, at least 1")
    .default(3),
  /** A finding still open this many working days after its first nudge goes to the manager. */
  escalateAfterWorkingDays: z
    .number("expected a whole number of working days ≥ 1")
    .int("expected a whole number of working days ≥ 1")
    .min(1, "expected a whole number of working days ≥ 1")
    .default(5),
  /** `weekly`: rules the report flags noisy leave the daily digest for Monday's "Weekly cleanup". */
  noisyRules: z.enum(["keep", "weekly"], "expected keep or weekly").default("keep"),
});

const channelSchema = z.strictObject({
  /** The team channel trip notes and Give Back projects are posted to, found by name once. */
  name: z.string().min(1).default("commercial_global_all"),
  /** Its id (C…), to skip the lookup (and for private channels). */
  id: z
    .string()
    .regex(/^[CG][A-Z0-9]+$/, "expected a channel id such as C0123ABCD")
    .nullable()
    .default(null),
});

const roiSchema = z.strictObject({
  returnMultiple: z.number().positive("expected a number > 0").default(5),
  eventCloseRate: z
    .number()
    .gt(0, "expected a rate between 0 and 1")
    .max(1, "expected a rate between 0 and 1")
    .default(0.3),
});

const giveBackSchema = z.strictObject({
  adoptionGoal: z.number().gt(0).max(1, "expected a share between 0 and 1").default(0.7),
  /** Monthly adoption check-ins go out from this day of the month (the rep's first working day on or after it). */
  checkInDay: z.number().int().min(1).max(28, "expected a day from 1 to 28").default(25),
  /** Reps hired within this many days get a weekly reminder until they submit a project. */
  newHireDays: z.number().int().min(1).default(90),
});

const replicasSchema = z.strictObject({
  /** A message a sender took but did not settle in this time is taken over by any replica. */
  outboxLeaseSeconds: z.number().int().min(1).max(3600).default(120),
  /** A scheduled job's lease: a replica that died holding it frees it after this time. */
  jobLeaseSeconds: z.number().int().min(1).max(3600).default(300),
});

const outboxSchema = z.strictObject({
  /** Sent messages are deleted this many days after sending (their keys are kept: never sent twice). */
  retentionDays: z.number().int("expected whole days").min(1, "expected at least 1 day").default(30),
});

const isoDate = z
  .string("expected a date such as 2026-12-24")
  .refine(isIsoDate, "expected a date such as 2026-12-24");

/** SPEC's default away signals: a status with one of these emoji, or text matching one of these. */
export const DEFAULT_AWAY_EMOJI = [":palm_tree:", ":airplane:", ":face_with_thermometer:", ":baby:"];
export const DEFAULT_AWAY_TEXT = ["out of office", "ooo", "vacation", "holiday", "pto", "on leave", "sick"];

const calendarSchema = z.strictObject({
  /** Public holidays of each rep's country are days off. */
  holidays: z.boolean("expected true or false").default(true),
  /** Company-wide days off. */
  daysOff: z.array(isoDate).default([]),
  awayStatus: z
    .strictObject({
      emoji: z
        .array(z.string().regex(/^:[a-z0-9_+'-]+:$/, "expected an emoji code such as :palm_tree:"))
        .default(DEFAULT_AWAY_EMOJI),
      text: z.array(z.string().min(1)).default(DEFAULT_AWAY_TEXT),
    })
    .default(() => ({ emoji: [...DEFAULT_AWAY_EMOJI], text: [...DEFAULT_AWAY_TEXT] })),
});

const slackTarget = z
  .string()
  .regex(/^([UW][A-Z0-9]+|[^@\s]+@[^@\s]+)$/, "expected a Slack user id (U…) or an email");

export const fileSchema = z.strictObject({
  defaultTimezone: z
    .string()
    .refine(isValidTimezone, "expected an IANA timezone such as America/New_York")
    .default("UTC"),
  digest: digestSchema.default(() => digestSchema.parse({})),
  rules: rulesSchema.default(() => rulesSchema.parse({})),
  effectiveness: effectivenessSchema.default(() => effectivenessSchema.parse({})),
  channel: channelSchema.default(() => channelSchema.parse({})),
  roi: roiSchema.default(() => roiSchema.parse({})),
  giveBack: giveBackSchema.default(() => giveBackSchema.parse({})),
  replicas: replicasSchema.default(() => replicasSchema.parse({})),
  outbox: outboxSchema.default(() => outboxSchema.parse({})),
  support: supportSchema.default(() => supportSchema.parse({})),
  /** `csv:` and one block per CRM (`salesforce:`, `hubspot:`), as the sources define them. */
  ...SOURCE_CONFIG,
  /** Slack user ids or emails treated as admins, besides reps with role admin. */
  admins: z.array(z.string().min(1)).default([]),
  /**
   * CSV sources: the value of one unit of each other currency in `currency` (`EUR: 1.09`), for
   * rows of a `currency` column. Salesforce reads its own rates from the org.
   */
  currencies: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z]{3}$/, "expected a three-letter currency code such as EUR")
        .transform((code) => code.toUpperCase()),
      z.number().positive("expected the value of one unit in `currency`, a number > 0"),
    )
    .default({}),
  /** ISO 4217 code every threshold is in; amounts in other currencies are converted first. */
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "expected a three-letter currency code such as USD")
    .transform((code) => code.toUpperCase())
    .default("USD"),
  calendar: calendarSchema.default(() => calendarSchema.parse({})),
  /** CRM email → Slack user id or Slack email, for reps whose Slack email is another one. */
  slackUsers: z.record(z.string().regex(/@/, "expected a CRM email as the key"), slackTarget).default({}),
});

export type FileConfig = z.output<typeof fileSchema>;
