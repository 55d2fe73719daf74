// Every outbox key, built in one place: a key is a message's identity (one message per key, ever),
// so what it is made of decides what counts as "already sent". Prefixes end in ":" so a lookup by
// prefix (store.queuedKeys) never matches another kind.
import { addDays } from "../domain/dates.ts";
import type { IsoDate } from "../domain/model.ts";

export const OUTBOX_PREFIX = {
  adoption: "adoption:",
  giveBackReminder: "give-back-reminder:",
  managerDigest: "manager-digest:",
} as const;

/** A rep's digest for their local date (as the nudge cycle queues it and the history reads it). */
export const digestKey = (owner: string, localDay: IsoDate): string => `digest:${owner}:${localDay}`;

/** A manager's weekly digest, keyed by the first day of the manager's digest week. */
export const managerDigestKey = (managerEmail: string, weekStart: IsoDate): string =>
  `${OUTBOX_PREFIX.managerDigest}${managerEmail}:${weekStart}`;

/** One admin's notice that CRM reads are paused, once a day. */
export const apiBudgetKey = (day: IsoDate, adminId: string): string => `api-budget:${day}:${adminId}`;

/** One admin's notice that a CRM owner has no Slack user: once per owner, ever. */
export const repNotFoundKey = (email: string, adminId: string): string => `rep-not-found:${email}:${adminId}`;

/** One admin's notice of an unusable read: `problemId` names the problem, so a new one is told again. */
export const unusableReadKey = (problemId: string, adminId: string): string =>
  `unusable-read:${problemId}:${adminId}`;

/** A give back project's post in the team channel. */
export const giveBackKey = (projectId: string): string => `give-back:${projectId}`;

/** A rep's monthly adoption check-in about one completed project. */
export const adoptionKey = (projectId: string, email: string, month: string): string =>
  `${OUTBOX_PREFIX.adoption}${projectId}:${email}:${month}`;

/** A new hire's reminder to submit a project, one a week: keyed by the Monday of their local week. */
export const giveBackReminderKey = (email: string, date: IsoDate, weekday: number): string =>
  `${OUTBOX_PREFIX.giveBackReminder}${email}:${addDays(date, -((weekday + 6) % 7))}`;

/** Trip notes' post in the team channel, and the author's confirmation. */
export const tripNotesKey = (notesId: string): string => `trip-notes:${notesId}`;
export const tripNotesThanksKey = (notesId: string): string => `trip-notes-thanks:${notesId}`;

/** The `count`-th reminder to write a trip's notes. */
export const tripReminderKey = (tripId: string, count: number): string => `trip-reminder:${tripId}:${count}`;

/** A breach alert's DM: one per ticket and SLA metric, ever. */
export const supportAlertKey = (ticketId: number, metric: string): string =>
  `support-alert:${ticketId}:${metric}`;

/** One admin's notice that the help desk refused the bot's credentials: once, ever. */
export const supportUnauthorizedKey = (adminId: string): string => `support-unauthorized:${adminId}`;
