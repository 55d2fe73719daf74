// Which tickets of a support-queue read Support forwards to the sales owner: those with a forward
// tag whose organization is a CRM account. Each is addressed to the account's owner, and to the
// owner's manager when it also carries an approval tag.
import type { Rep } from "./model.ts";
import { type AccountIndex, matchAccount } from "./support-account-match.ts";
import type { SupportSettings } from "./support-settings.ts";
import type { SupportTicket } from "./support-ticket.ts";

export interface ForwardedTicket {
  ticketId: number;
  accountId: string;
  /** The account owner's email, lower case. */
  ownerEmail: string;
  /** The owner's manager, lower case, when the rep list names one. */
  managerEmail: string | null;
  /** As the requester wrote it: escaped wherever it is shown. */
  subject: string;
  /** The forward tags it carries, in the settings' order. */
  tags: string[];
  /** It carries an approval tag: the owner's manager is asked too. */
  needsApproval: boolean;
  foundAt: Date;
}

/** One forwarded ticket as a digest shows it: under "From Support", or "needs your approval". */
export interface SupportLine {
  ticketId: number;
  subject: string;
  /** The tag it was forwarded for. */
  tag: string;
  /** The ticket in the help desk's agent view. */
  url: string;
  /** In a manager's digest: the rep whose account it is. */
  rep?: string;
}

/** A ticket the queue holds with a forward tag that no CRM account could be found for. */
export interface UnmatchedForward {
  ticketId: number;
  reason: "no-organization" | "no-match" | "ambiguous";
}

/** Zendesk keeps tags lower case with underscores for spaces; settings are read the same way. */
export const tagKey = (tag: string) => tag.trim().toLowerCase().replace(/\s+/g, "_");

export function findForwards(
  tickets: readonly SupportTicket[],
  accounts: AccountIndex,
  reps: readonly Rep[],
  settings: Pick<SupportSettings, "forwardTags" | "approvalTags">,
  now: Date,
): { forwards: ForwardedTicket[]; unmatched: UnmatchedForward[] } {
  const forwardTags = settings.forwardTags.map(tagKey);
  const approvalTags = new Set(settings.approvalTags.map(tagKey));
  const managers = new Map(reps.map((rep) => [rep.email.toLowerCase(), rep.managerEmail]));
  const forwards: ForwardedTicket[] = [];
  const unmatched: UnmatchedForward[] = [];
  for (const ticket of tickets) {
    const carried = new Set(ticket.tags.map(tagKey));
    const tags = forwardTags.filter((tag) => carried.has(tag));
    if (tags.length === 0) continue;
    const match = matchAccount(ticket.organization, accounts);
    if (!match.account) {
      unmatched.push({ ticketId: ticket.id, reason: match.reason });
      continue;
    }
    const ownerEmail = match.account.ownerEmail.toLowerCase();
    forwards.push({
      ticketId: ticket.id,
      accountId: match.account.id,
      ownerEmail,
      managerEmail: managers.get(ownerEmail)?.toLowerCase() ?? null,
      subject: ticket.subject,
      tags,
      needsApproval: [...carried].some((tag) => approvalTags.has(tag)),
      foundAt: now,
    });
  }
  return { forwards, unmatched };
}
