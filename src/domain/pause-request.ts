// `/nudge pause [@rep] [YYYY-MM-DD | Nd]` and `/nudge resume [@rep]`, read into what to do; and a
// pause's last day from what was asked, at most 30 days.
import { type CalendarSettings, nextWorkingDay } from "./calendar.ts";
import { addDays, isIsoDate } from "./dates.ts";
import type { IsoDate, Rep } from "./model.ts";

export const MAX_PAUSE_DAYS = 30;

/** Whose nudges: the asker's own, a Slack user mentioned, or a rep named by email. */
export type PauseTarget =
  | { kind: "self" }
  | { kind: "user"; userId: string }
  | { kind: "email"; email: string };

export type PauseLength =
  | { kind: "next-working-day" }
  | { kind: "days"; days: number }
  | { kind: "date"; date: IsoDate };

export interface PauseRequest {
  target: PauseTarget;
  length: PauseLength;
}

const MENTION = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;
const EMAIL = /^(?:<mailto:[^|>]+\|)?([^@\s<>|]+@[^@\s<>|]+?)>?$/;

export const PAUSE_USAGE =
  "`/nudge pause` (until your next working day), `/nudge pause 5d` or `/nudge pause 2026-12-31` (at most 30 days); managers and admins: `/nudge pause @rep 5d`. `/nudge resume` ends it.";

/** How an error quotes what was typed: as it is here; a surface with length limits passes a cut. */
export type Quote = (typed: string) => string;
const asTyped: Quote = (typed) => typed;

export function parseTarget(
  word: string | undefined,
  quote: Quote = asTyped,
): PauseTarget | { error: string } | null {
  if (word === undefined) return null;
  const mention = MENTION.exec(word);
  if (mention?.[1]) return { kind: "user", userId: mention[1] };
  const email = EMAIL.exec(word);
  if (email?.[1]) return { kind: "email", email: email[1].toLowerCase() };
  if (word.startsWith("@")) {
    return {
      error: `I can't tell who ${quote(word)} is: pick them from the list as you type @, or give their email.`,
    };
  }
  return null;
}

/** The words after `pause` (or `resume`, which takes only a target). */
export function parsePauseRequest(words: string[], quote: Quote = asTyped): PauseRequest | { error: string } {
  const rest = [...words];
  const target = parseTarget(rest[0], quote);
  if (target && "error" in target) return target;
  if (target) rest.shift();
  if (rest.length > 1) return { error: `I didn't understand \`${quote(rest.join(" "))}\`. ${PAUSE_USAGE}` };
  const word = rest[0]?.toLowerCase();
  let length: PauseLength;
  if (word === undefined) length = { kind: "next-working-day" };
  else if (/^\d+d$/.test(word)) {
    const days = Number(word.slice(0, -1));
    if (days < 1 || days > MAX_PAUSE_DAYS) {
      return { error: `A pause lasts 1 to ${MAX_PAUSE_DAYS} days. ${PAUSE_USAGE}` };
    }
    length = { kind: "days", days };
  } else if (isIsoDate(word)) length = { kind: "date", date: word };
  else return { error: `I didn't understand \`${quote(rest[0] ?? "")}\`. ${PAUSE_USAGE}` };
  return { target: target ?? { kind: "self" }, length };
}

/**
 * The pause's last quiet day (inclusive) for a rep whose local date is `today`: through today
 * when they asked until their next working day, `days` days counting today, or through `date`.
 */
export function pauseUntil(
  length: PauseLength,
  today: IsoDate,
  rep: Pick<Rep, "country" | "workingDays">,
  settings: CalendarSettings,
): { until: IsoDate } | { error: string } {
  switch (length.kind) {
    case "next-working-day": {
      const next = nextWorkingDay(rep, today, settings);
      return { until: next ? addDays(next, -1) : today };
    }
    case "days":
      return { until: addDays(today, length.days - 1) };
    case "date": {
      if (length.date < today) return { error: `${length.date} has passed: give a date from today on.` };
      const last = addDays(today, MAX_PAUSE_DAYS - 1);
      if (length.date > last) {
        return { error: `A pause lasts at most ${MAX_PAUSE_DAYS} days: the latest date today is ${last}.` };
      }
      return { until: length.date };
    }
  }
}
