// The store port: what the bot itself owns (digest ledger, snoozes), behind SQLite or PostgreSQL.
import type { RuleId } from "../domain/findings.ts";
import type { IsoDate } from "../domain/model.ts";

export interface Snooze {
  rep: string;
  rule: RuleId;
  recordId: string;
  /** The finding stays out of digests up to and including this local date. */
  until: IsoDate;
}

export interface DigestClaim {
  rep: string;
  localDate: IsoDate;
  findingCount: number;
  claimedAt: Date;
}

export interface MigrationReport {
  applied: string[];
  current: string[];
}

export interface Store {
  /** Brings the schema up to date; safe to run from several processes at once. */
  migrate(): Promise<MigrationReport>;
  /**
   * Claims the one digest a rep may get on a local date. Returns false when it was already
   * claimed, by this process or another, so a caller that gets true is the only one to send.
   */
  claimDigest(claim: DigestClaim): Promise<boolean>;
  listDigestClaims(localDate: IsoDate): Promise<DigestClaim[]>;
  snooze(snooze: Snooze): Promise<void>;
  /** Snoozes of a rep still in force on `today`. */
  activeSnoozes(rep: string, today: IsoDate): Promise<Snooze[]>;
  close(): Promise<void>;
}
