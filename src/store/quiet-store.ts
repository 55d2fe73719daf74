// The part of the store port for what people set to keep the bot quiet: pauses, and links from a
// CRM email to the Slack account an admin chose.
import type { IsoDate } from "../domain/model.ts";

export interface Pause {
  /** The rep's CRM email, lower case. */
  rep: string;
  /** No nudges up to and including this local date. */
  until: IsoDate;
  /** The Slack user who paused (the rep, their manager or an admin). */
  pausedBy: string;
  createdAt: Date;
}

export interface SlackLink {
  /** The CRM email, lower case. */
  crmEmail: string;
  userId: string;
  /** The admin who chose the account. */
  linkedBy: string;
  linkedAt: Date;
}

export interface QuietStore {
  /** Sets (or replaces) a rep's pause. */
  savePause(pause: Pause): Promise<void>;
  /** Ends a rep's pause; true when there was one. */
  deletePause(rep: string): Promise<boolean>;
  /** Pauses still in force on or after `from` (the earliest local date anyone can be at). */
  listPauses(from: IsoDate): Promise<Pause[]>;
  saveSlackLink(link: SlackLink): Promise<void>;
  listSlackLinks(): Promise<SlackLink[]>;
}
