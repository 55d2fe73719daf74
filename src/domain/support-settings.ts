// The support queue's settings (`support:` in the config file), as every part of it reads them.
import type { Weekday } from "./model.ts";

export interface SupportHours {
  timezone: string;
  days: Weekday[];
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

export interface SupportSettings {
  groups: string[];
  /** Support's own hours: a breach inside them is Support's to handle. */
  hours: SupportHours;
  /** Who triages off-hours: every rep of a segment, or these rep emails (lower case). */
  triage: { segment: string } | { emails: string[] };
  leadMinutes: number;
  pollMinutes: number;
  forwardTags: string[];
  approvalTags: string[];
}
