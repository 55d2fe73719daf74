// The store port: what the bot itself owns, behind SQLite or PostgreSQL, split by use so each
// service is given only the parts it calls. `Store` is all of them, for the composition root.
import type { RuleId } from "../domain/findings.ts";
import type { IsoDate } from "../domain/model.ts";
import type { ForwardsStore, MessageWithForwards } from "./forwards-store.ts";
import type { HistoryStore } from "./history-store.ts";
import type { MigrationReport } from "./migrate.ts";
import type { MessagePayload, NewOutboxMessage, OutboxMessage, OutboxStats } from "./outbox.ts";
import type { QuietStore } from "./quiet-store.ts";
import type { ReportsStore } from "./reports-store.ts";
import type { RitualsStore } from "./rituals-store.ts";
import type { RosterStore } from "./roster-store.ts";
import type { SupportAlertStore } from "./support-alerts-store.ts";

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

export interface SlackUserRecord {
  email: string;
  /** null when the email was looked for in Slack and not found. */
  userId: string | null;
  checkedAt: Date;
  /** The time zone of the user's Slack profile, when Slack gave one. */
  tz?: string | null | undefined;
}

export type { MigrationReport };

/** The digest ledger and snoozes: who got their digest on which local date, what stays out of it. */
export interface LedgerStore {
  /**
   * Claims the one digest a rep may get on a local date. Returns false when it was already
   * claimed, by this process or another, so a caller that gets true is the only one to send.
   * The message, when given, is queued in the same transaction: claimed means queued. A message
   * built from forwarded tickets takes the rep's unshown ones in that transaction too.
   */
  claimDigest(claim: DigestClaim, message?: NewOutboxMessage | MessageWithForwards): Promise<boolean>;
  listDigestClaims(localDate: IsoDate): Promise<DigestClaim[]>;
  snooze(snooze: Snooze): Promise<void>;
  /** Snoozes of a rep still in force on `today`. */
  activeSnoozes(rep: string, today: IsoDate): Promise<Snooze[]>;
}

/** Every Slack message the bot sends, first a row here, keyed for idempotency. */
export interface OutboxStore {
  /** Queues a message unless one with its key was ever queued; true when this call queued it. */
  enqueue(message: NewOutboxMessage, now: Date): Promise<boolean>;
  /**
   * Leases up to `limit` messages that are due (pending and past their next attempt) or whose
   * sender's lease ran out, for `leaseMs`. Each is the caller's alone until the lease ends.
   */
  leaseDueMessages(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
  markSent(key: string, owner: string, result: { channel: string; ts: string }, now: Date): Promise<void>;
  /**
   * Puts a leased message back for another attempt at `nextAttemptAt`. `uncertain`: an attempt may
   * have reached Slack, so the next one looks in the conversation before posting.
   */
  markRetry(
    key: string,
    owner: string,
    nextAttemptAt: Date,
    error: string,
    uncertain: boolean,
  ): Promise<void>;
  /**
   * Extends `owner`'s lease on a message it is about to send, to `leaseMs` from `now`. False when the
   * lease has run out or another sender took the message over: the caller must not send it.
   */
  renewMessageLease(key: string, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /**
   * Deletes up to `limit` messages sent before `before`, oldest first; returns how many. Their keys
   * are kept, so enqueue still refuses them: one message per key, ever.
   */
  purgeSent(before: Date, limit: number): Promise<number>;
  markFailed(key: string, owner: string, error: string): Promise<void>;
  getMessage(key: string): Promise<OutboxMessage | null>;
  /** The sent message now at (channel, ts), to update it in place. */
  findSentMessage(channel: string, ts: string): Promise<OutboxMessage | null>;
  /** Records what a sent message now shows after an in-place update. */
  updateSentPayload(key: string, payload: MessagePayload): Promise<void>;
  outboxStats(now: Date): Promise<OutboxStats>;
  /**
   * Outbox keys that start with `prefix`: what has already been queued, for work done once. Keys of
   * purged messages are left out; enqueue refuses them anyway.
   */
  queuedKeys(prefix: string): Promise<Set<string>>;
}

/** Which Slack user each CRM email is, or that none was found. */
export interface DirectoryStore {
  getSlackUsers(emails: string[]): Promise<SlackUserRecord[]>;
  findSlackUserById(userId: string): Promise<SlackUserRecord | null>;
  saveSlackUsers(records: SlackUserRecord[]): Promise<void>;
}

/** Scheduled jobs run once across replicas. */
export interface LeaseStore {
  /**
   * Takes the lease `name` for `ttlMs` unless another holder has it and it has not expired: how a
   * scheduled job runs once across replicas, and is taken over when its holder dies.
   */
  acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

export interface SettingsStore {
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string, now: Date): Promise<void>;
}

/** The database itself: its schema, whether it answers, closing it. */
export interface StoreLifecycle {
  /** Brings the schema up to date; safe to run from several processes at once. */
  migrate(): Promise<MigrationReport>;
  /** Throws when the database cannot be reached (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Store
  extends LedgerStore,
    OutboxStore,
    DirectoryStore,
    LeaseStore,
    SettingsStore,
    RitualsStore,
    QuietStore,
    ForwardsStore,
    SupportAlertStore,
    StoreLifecycle {
  /** Finding history and weekly scores, for the effectiveness report. */
  readonly history: HistoryStore;
  /** What the admin console's reports read: sends per day, delivery problems, adoption answers. */
  readonly reports: ReportsStore;
  /** The reps as the CRM last said, for the console before the first read after a restart. */
  readonly roster: RosterStore;
}
