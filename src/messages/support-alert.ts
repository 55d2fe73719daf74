// The breach alert DM: which ticket, whose organization, which SLA and when it breaches in the rep's
// own time, with Take it and Open in Zendesk; and the line that replaces the buttons once handled.
// Everything the help desk wrote (subject, organization, agent names) is escaped.
import type { KnownBlock } from "@slack/types";
import type { SlaMetric } from "../domain/support-ticket.ts";
import type { SlackMessage } from "./digest-blocks.ts";
import { encodeAlert, SUPPORT_ACTION_IDS } from "./ids.ts";
import { escapeMrkdwn, linkUrl, mrkdwnLink, plainText, truncate } from "./mrkdwn.ts";

const METRIC_WORDS: Record<string, string> = {
  first_reply_time: "first reply",
  next_reply_time: "next reply",
  periodic_update_time: "periodic update",
  pausable_update_time: "pausable update",
  requester_wait_time: "requester wait time",
  agent_work_time: "agent work time",
};

/** Which SLA, in words: `first reply`, `next reply`, `periodic update` … */
export function metricInWords(metric: SlaMetric): string {
  return METRIC_WORDS[metric] ?? metric.replace(/_time$/, "").replace(/_/g, " ");
}

/** One formatter per time zone: making one costs more than formatting with it, and a poll's backlog formats hundreds. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    formatters.set(timezone, format);
  }
  return format;
}

/** `Tue 10 Mar, 11:00 GMT`: an instant in the rep's own time zone. */
export function breachTimeIn(at: Date, timezone: string): string {
  const parts = formatterFor(timezone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")}, ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

export interface SupportAlertFacts {
  ticketId: number;
  subject: string;
  /** The help desk's organization name, when the ticket has one. */
  organization: string | null;
  metric: SlaMetric;
  breachAt: Date;
  /** The rep's own time zone. */
  timezone: string;
  url: string;
  /** Why this rep: they own the account, or it is their turn to triage. */
  as: "owner" | "triage";
  now: Date;
}

const actionsBlockId = (ticketId: number, metric: string) => `support-alert:${ticketId}:${metric}`;

export function supportAlertMessage(facts: SupportAlertFacts): SlackMessage {
  // The metric's name comes from Zendesk too: a name not known here is shown as Zendesk wrote it.
  const sla = escapeMrkdwn(metricInWords(facts.metric));
  const when = breachTimeIn(facts.breachAt, facts.timezone);
  const minutes = Math.max(0, Math.round((facts.breachAt.getTime() - facts.now.getTime()) / 60_000));
  // One line, as in the digest's "From Support": a subject's newlines would break the sentence apart.
  const subject = truncate(escapeMrkdwn(facts.subject.replace(/\s+/g, " ").trim() || "(no subject)"), 300);
  const number = mrkdwnLink(facts.url, `#${facts.ticketId}`);
  const organization = facts.organization
    ? truncate(escapeMrkdwn(facts.organization), 200)
    : "no organization";
  const why =
    facts.as === "owner"
      ? "You own this account, and Support is off-hours when it breaches."
      : "Support is off-hours when it breaches, and it is your turn to triage.";
  const take = {
    type: "button" as const,
    action_id: SUPPORT_ACTION_IDS.take,
    text: plainText("Take it"),
    style: "primary" as const,
    value: encodeAlert({ ticketId: facts.ticketId, metric: facts.metric }),
  };
  const url = linkUrl(facts.url);
  const open = url
    ? [
        {
          type: "button" as const,
          action_id: SUPPORT_ACTION_IDS.open,
          text: plainText("Open in Zendesk"),
          url,
        },
      ]
    : [];
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          `:rotating_light: Ticket ${number} *${subject}* (${organization}) breaches its *${sla}* target ` +
          `at *${escapeMrkdwn(when)}*, in ${minutes} min.`,
      },
    },
    { type: "context", elements: [{ type: "mrkdwn", text: why }] },
    { type: "actions", block_id: actionsBlockId(facts.ticketId, facts.metric), elements: [take, ...open] },
  ];
  return {
    text: `Ticket #${facts.ticketId} ${subject} breaches its ${sla} target at ${escapeMrkdwn(when)}`,
    blocks,
  };
}

export type TakeNote =
  | { kind: "taken-by-you" }
  | { kind: "taken"; by: string | null }
  | { kind: "closed" }
  | { kind: "no-agent"; email: string }
  /** The help desk would not assign it to the rep (not in the ticket's group…), in its own words. */
  | { kind: "refused"; detail: string }
  /** The click did not come from the breach alert sent for that ticket: nothing assigned. */
  | { kind: "not-an-alert" };

/** The line that replaces the alert's buttons once the rep clicked Take it. */
export function takeNoteText(note: TakeNote): string {
  switch (note.kind) {
    case "taken-by-you":
      return ":white_check_mark: You took it: the ticket is assigned to you in Zendesk.";
    case "taken":
      return note.by
        ? `:raising_hand: ${escapeMrkdwn(note.by)} has it: it was not reassigned.`
        : ":raising_hand: Someone has it already: it was not reassigned.";
    case "closed":
      return ":heavy_check_mark: The ticket is solved or gone: nothing to take.";
    case "not-an-alert":
      return ":warning: This button is not on a breach alert nudgebot sent you, so nothing was assigned.";
    case "refused":
      return `:no_entry: Zendesk would not assign this ticket to you (${escapeMrkdwn(truncate(note.detail, 300))}), so nothing was assigned: you may not be in the ticket's group. Open it in Zendesk to take it there or hand it on.`;
    case "no-agent":
      return `:warning: You have no Zendesk agent account (none with ${escapeMrkdwn(note.email)}), so nothing was assigned. Ask a Zendesk admin to add you, or open the ticket to hand it on.`;
  }
}

/**
 * The alert with its Take it replaced by `note`; Open in Zendesk stays when the rep still needs it
 * (no agent account, or Zendesk refused the assignment). Blocks of another shape are returned as they were.
 */
export function alertWithNote(
  blocks: KnownBlock[],
  ticketId: number,
  metric: string,
  note: TakeNote,
): KnownBlock[] {
  const id = actionsBlockId(ticketId, metric);
  const index = blocks.findIndex((block) => block.type === "actions" && block.block_id === id);
  if (index < 0) return blocks;
  const line: KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: takeNoteText(note) }] };
  const actions = blocks[index] as { elements: { action_id?: string }[] };
  const kept = actions.elements.filter((element) => element.action_id === SUPPORT_ACTION_IDS.open);
  const tail: KnownBlock[] =
    (note.kind === "no-agent" || note.kind === "refused") && kept.length > 0
      ? [{ ...(blocks[index] as KnownBlock), elements: kept } as KnownBlock]
      : [];
  return [...blocks.slice(0, index), line, ...tail, ...blocks.slice(index + 1)];
}
