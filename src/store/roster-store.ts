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
