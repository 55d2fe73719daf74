// The part of the store port for the reps as the CRM last said (names, roles, managers): kept so
// that after a restart the console knows who is an admin or a manager, and whose team is whose,
// before the first CRM read has finished.
import type { Rep } from "../domain/model.ts";

export interface StoredRoster {
  reps: Rep[];
  /** When the CRM read that gave these reps finished. */
  readAt: Date;
}

export interface RosterStore {
  /** Replaces the kept reps with these, in one transaction. */
  saveRoster(roster: StoredRoster): Promise<void>;
  /** The reps last kept, or null when the CRM was never read into this store. */
  lastRoster(): Promise<StoredRoster | null>;
}

export interface RosterRow {
  email: string;
  rep: string;
  read_at: string;
}

export const toRoster = (rows: RosterRow[]): StoredRoster | null =>
  rows.length === 0
    ? null
    : {
        reps: rows.map((row) => JSON.parse(row.rep) as Rep),
        readAt: new Date(rows[0]?.read_at ?? 0),
      };

/** One row per rep: the email (lower case) as the key, the rep as JSON, the read's time. */
export const toRows = (roster: StoredRoster): RosterRow[] => {
  const byEmail = new Map(roster.reps.map((rep) => [rep.email.toLowerCase(), rep]));
  return [...byEmail].map(([email, rep]) => ({
    email,
    rep: JSON.stringify(rep),
    read_at: roster.readAt.toISOString(),
  }));
};
