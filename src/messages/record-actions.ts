// A record's buttons, the same in digests, /nudge me, rule lists and App Home: the fix of its first
// finding (primary), its other fixes in an overflow menu, and the snooze menu.
import type { ActionsBlock, Button, Overflow, PlainTextOption } from "@slack/types";
import type { RecordFindings } from "../domain/evaluate.ts";
import { FIX_LABELS, type FixKind, fixesFor } from "../domain/fixes.ts";
import { ACTION_IDS, encodeFix, encodeSnooze, SNOOZE_CHOICES } from "./ids.ts";
import { linkUrl, plainText, truncate } from "./mrkdwn.ts";

/** Slack's limits: 75 characters of button text, 5 options in an overflow menu, 255 in a block id. */
const BUTTON_TEXT = 75;
const OVERFLOW_OPTIONS = 5;

/**
 * The CRM's name for "Open in …" (the source's `linkLabel`, e.g. "Salesforce"); null for a source
 * with no record pages to open (CSV), whose button says where to fix instead.
 */
export type CrmName = string | null;

/** A fix's button label: "Update next step", "Open in Salesforce", or "Where to fix" for CSV. */
export function fixLabel(kind: FixKind, crm: CrmName): string {
  if (kind !== "open-in-crm") return FIX_LABELS[kind];
  return crm ? `Open in ${crm}` : "Where to fix";
}

function recordUrl(group: RecordFindings): string | null {
  return group.recordType === "opportunity" ? linkUrl(group.record.url) : null;
}

function primaryButton(group: RecordFindings, kind: FixKind, crm: CrmName): Button {
  const url = recordUrl(group);
  const text = plainText(fixLabel(kind, crm), BUTTON_TEXT);
  // Nothing to write back: with a record page the button is a link (its click only needs an ack).
  if (kind === "open-in-crm" && url && crm) {
    return {
      type: "button",
      action_id: ACTION_IDS.openRecord,
      text,
      url,
      style: "primary",
      value: group.record.id,
    };
  }
  const value = encodeFix({ kind, recordType: group.recordType, recordId: group.record.id });
  return { type: "button", action_id: ACTION_IDS.fix, text, style: "primary", value };
}

/** The other fixes: a menu, or one plain button when there is a single one (a menu needs two). */
function moreFixes(group: RecordFindings, kinds: FixKind[], crm: CrmName): Overflow | Button | null {
  const url = recordUrl(group);
  const options: PlainTextOption[] = kinds.map((kind) => ({
    text: plainText(fixLabel(kind, crm), BUTTON_TEXT),
    value: encodeFix({ kind, recordType: group.recordType, recordId: group.record.id }),
    ...(kind === "open-in-crm" && url && crm ? { url } : {}),
  }));
  // The record page is one more choice beside the fixes, where the CRM has one.
  if (url && crm && !kinds.includes("open-in-crm") && options.length > 0) {
    options.push({
      text: plainText(`Open in ${crm}`, BUTTON_TEXT),
      value: encodeFix({ kind: "open-in-crm", recordType: group.recordType, recordId: group.record.id }),
      url,
    });
  }
  const [only] = options;
  if (!only) return null;
  if (options.length === 1) {
    const link = only.url ? { url: only.url } : {};
    return {
      type: "button",
      action_id: ACTION_IDS.moreFixes,
      text: only.text,
      value: only.value ?? "",
      ...link,
    };
  }
  return { type: "overflow", action_id: ACTION_IDS.moreFixes, options: options.slice(0, OVERFLOW_OPTIONS) };
}

export function recordActions(group: RecordFindings, crm: CrmName = null): ActionsBlock {
  const closed = group.recordType === "opportunity" && group.record.isClosed;
  const [first, ...others] = fixesFor(group.findings, closed);
  const elements: ActionsBlock["elements"] = [];
  if (first) elements.push(primaryButton(group, first, crm));
  const overflow = moreFixes(group, others, crm);
  if (overflow) elements.push(overflow);
  elements.push({
    type: "static_select",
    action_id: ACTION_IDS.snooze,
    placeholder: plainText("Snooze", BUTTON_TEXT),
    options: SNOOZE_CHOICES.map((choice) => ({
      text: plainText(choice.label, BUTTON_TEXT),
      value: encodeSnooze({
        days: choice.days,
        recordType: group.recordType,
        recordId: group.record.id,
        rules: group.findings.map((finding) => finding.rule),
      }),
    })),
  });
  // A record with a page but no other fixes still gets its link.
  const url = recordUrl(group);
  if (url && crm && first !== "open-in-crm" && !overflow) {
    elements.push({
      type: "button",
      action_id: ACTION_IDS.openRecord,
      text: plainText(`Open in ${crm}`, BUTTON_TEXT),
      url,
      value: group.record.id,
    });
  }
  return {
    type: "actions",
    block_id: truncate(`record:${group.recordType}:${group.record.id}`, 255),
    elements,
  };
}
