// Outbox records: every Slack message the bot sends is first a row here, keyed for idempotency.

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface MessagePayload {
  text: string;
  blocks?: unknown[];
  /** What the bot keeps of a digest for itself; never sent to Slack (the sender sends text and blocks). */
  digest?: DigestFacts;
  /**
   * ISO 8601 instant after which the message is no longer true (a breach alert's breach time): the
   * sender keeps it as failed, saying so, rather than post it late.
   */
  expiresAt?: string;
}

/** A digest's findings and score, kept with it: the finding history and the next digest's progress read them. */
export interface DigestFacts {
  /** Every finding the digest put before the rep, in focus or counted in a rule line (`rule|recordId`). */
  nudged: string[];
  /** The Required 7 score it showed (0–1), null when none applied. */
  score: number | null;
}

export interface NewOutboxMessage {
  /** One message per key, ever: `digest:<rep>:<date>`, `manager-digest:<manager>:<date>` … */
  key: string;
  kind: string;
  /** A Slack channel or user id (a user id posts to the bot's DM with that user). */
  channel: string;
  payload: MessagePayload;
}

export interface OutboxMessage extends NewOutboxMessage {
  status: OutboxStatus;
  attempts: number;
  /** True when an earlier attempt may have reached Slack before the sender stopped. */
  uncertain: boolean;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  messageChannel: string | null;
  messageTs: string | null;
}

export interface OutboxStats {
  /** Messages not yet sent and not given up on. */
  depth: number;
  /** Age in seconds of the oldest of them, 0 when there is none. */
  oldestAgeSeconds: number;
  failed: number;
}
