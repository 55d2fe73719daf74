// Action ids and the compact values carried by digest buttons (Slack caps option values at 150 chars).
import { type RecordType, RULE_IDS, type RuleId } from "../domain/findings.ts";
import type { FixKind } from "../domain/fixes.ts";

export const ACTION_IDS = {
  /** Kept for the buttons of messages sent before fixes had their own kinds. */
  updateNextStep: "nudge_update_next_step",
  snooze: "nudge_snooze",
  openRecord: "nudge_open_record",
  /** A record's primary fix button; its value is an encoded FixValue. */
  fix: "nudge_fix",
  /** The overflow menu beside it with the record's other fixes (option values are FixValues). */
  moreFixes: "nudge_more_fixes",
  /** A rule line's button: lists that rule's records (value: the rule's index in RULE_IDS). */
  showRule: "nudge_show_rule",
  /** An admin's "Move to weekly" / "Back to daily" beside a rule (value: `weekly|3` or `daily|3`). */
  moveRule: "nudge_move_rule",
} as const;

/** Every fix kind, in the order button values encode them by index: add at the end, never reorder. */
export const FIX_KINDS = [
  "next-step",
  "close-date",
  "deck-link",
  "closed-reason",
  "how-heard",
  "command-plan",
  "rank-account",
  "open-in-crm",
] as const satisfies readonly FixKind[];

export interface FixValue {
  kind: FixKind;
  recordType: RecordType;
  recordId: string;
}

/** `2|o|006000123`: fix kind index, record type, record id. */
export function encodeFix(value: FixValue): string {
  return [FIX_KINDS.indexOf(value.kind), value.recordType === "opportunity" ? "o" : "a", value.recordId].join(
    "|",
  );
}

export function decodeFix(text: string): FixValue | null {
  const [kindIndex, type, ...rest] = text.split("|");
  const kind = FIX_KINDS[Number(kindIndex)];
  const recordId = rest.join("|");
  if (kindIndex === undefined || kindIndex === "" || !kind || !recordId || (type !== "o" && type !== "a"))
    return null;
  return { kind, recordType: type === "o" ? "opportunity" : "account", recordId };
}

export const CALLBACK_IDS = {
  /** A fix modal of any kind (next step, close date, deck link …). */
  fix: "nudge_fix_modal",
  /** Next step modals opened before fixes had their own kinds: asked to open again. */
  nextStep: "nudge_next_step_modal",
  tripPlan: "tripnote_plan_modal",
  tripNotes: "tripnote_modal",
  giveBack: "giveback_modal",
} as const;

export const RITUAL_ACTION_IDS = {
  pickTrip: "tripnote_pick_trip",
  checkIn: "giveback_check_in",
  setStatus: "giveback_set_status",
} as const;

export const SNOOZE_CHOICES = [
  { days: 1, label: "Snooze 1 day" },
  { days: 3, label: "Snooze 3 days" },
  { days: 7, label: "Snooze 1 week" },
] as const;

export interface SnoozeValue {
  days: number;
  recordType: RecordType;
  recordId: string;
  rules: RuleId[];
}

/** `3|o|006000123|0.2.5`: days, record type, record id, rule indexes. */
export function encodeSnooze(value: SnoozeValue): string {
  const rules = value.rules.map((rule) => RULE_IDS.indexOf(rule)).join(".");
  return [value.days, value.recordType === "opportunity" ? "o" : "a", value.recordId, rules].join("|");
}

export function decodeSnooze(text: string): SnoozeValue | null {
  const [days, type, recordId, rules] = text.split("|");
  const rulesIds = (rules ?? "").split(".").map((index) => RULE_IDS[Number(index)]);
  if (!days || !recordId || (type !== "o" && type !== "a") || rulesIds.some((rule) => rule === undefined))
    return null;
  return {
    days: Number(days),
    recordType: type === "o" ? "opportunity" : "account",
    recordId,
    rules: rulesIds as RuleId[],
  };
}

export const QUIET_ACTION_IDS = {
  resume: "nudge_resume",
  linkUser: "nudge_link_user",
} as const;

export const SUPPORT_ACTION_IDS = {
  /** A breach alert's Take it: its value is an encoded alert (`<ticketId>|<metric>`). */
  take: "support_take",
  /** Open in Zendesk: a link button; the click only needs an ack. */
  open: "support_open",
} as const;

/** `123|first_reply_time`: the ticket and SLA metric of a breach alert. */
export function encodeAlert(value: { ticketId: number; metric: string }): string {
  return `${value.ticketId}|${value.metric}`;
}

export function decodeAlert(text: string): { ticketId: number; metric: string } | null {
  const [id, metric, extra] = text.split("|");
  const ticketId = Number(id);
  if (!id || !/^\d{1,15}$/.test(id) || !metric || !/^[a-z0-9_]{1,60}$/.test(metric) || extra !== undefined)
    return null;
  return { ticketId, metric };
}
