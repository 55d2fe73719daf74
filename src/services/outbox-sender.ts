// Drains the outbox: sends due messages, and on failure schedules a retry (honouring Slack's
// Retry-After) or, for an error retrying cannot fix, marks the message failed and says so in the log.
import { randomUUID } from "node:crypto";
import type { Logger } from "../logging.ts";
import type { Metrics } from "../metrics.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import type { OutboxStore } from "../store/store.ts";
import { ChannelNotFoundError } from "./channel-directory.ts";
import {
  type PostedMessage,
  type SlackApi,
  type SlackFailure,
  UnverifiableSendError,
} from "./ports/slack-port.ts";

/** How long to wait before attempt n+1 after n transient failures. */
export interface RetryPolicy {
  name: string;
  delayMs(failedAttempts: number): number;
}

export const STANDARD_RETRY: RetryPolicy = {
  name: "standard",
  // 10 s, 20 s, 40 s … capped at 30 min, with up to 20% jitter so replicas do not retry in step.
  delayMs: (n) => Math.min(30 * 60_000, 10_000 * 2 ** Math.max(0, n - 1)) * (1 + Math.random() * 0.2),
};

export const IMMEDIATE_RETRY: RetryPolicy = { name: "immediate", delayMs: () => 0 };

export interface SenderOptions {
  store: OutboxStore;
  slack: SlackApi;
  logger: Logger;
  clock: () => Date;
  retry?: RetryPolicy;
  /** A leased message not settled within this time is taken over by any sender. */
  leaseMs?: number;
  batchSize?: number;
  /** Identifies this process in leases. */
  owner?: string;
  /** Turns a channel known by name (`#name`) into its id at send time. */
  resolveChannel?: (target: string) => Promise<string>;
  metrics?: Pick<Metrics, "messageSent" | "slackFailure">;
  /** Sent messages older than this are deleted by purgeOld (default 30). */
  retentionDays?: number;
}

/** Purging is housekeeping: every 10 minutes at most, in batches that hold no lock for long. */
const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_BATCH = 1000;
const PURGE_MAX_BATCHES = 10;

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

export class OutboxSender {
  readonly owner: string;
  private readonly retry: RetryPolicy;
  private readonly leaseMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: SenderOptions) {
    this.owner = options.owner ?? `sender-${randomUUID()}`;
    this.retry = options.retry ?? STANDARD_RETRY;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 25;
  }

  private stopping = false;
  private lastPurge = Number.NEGATIVE_INFINITY;

  /**
   * Stops sending after the message in flight: messages already leased go back to the queue at
   * once, for the next start or another replica. For a clean shutdown.
   */
  stop(): void {
    this.stopping = true;
  }

  /**
   * Deletes sent messages past the retention, a few batches at a time, at most every 10 minutes;
   * returns how many. Their keys stay behind, so none of them can be queued again.
   */
  async purgeOld(): Promise<number> {
    const now = this.options.clock().getTime();
    if (now - this.lastPurge < PURGE_EVERY_MS) return 0;
    this.lastPurge = now;
    const before = new Date(now - (this.options.retentionDays ?? 30) * 86_400_000);
    let purged = 0;
    for (let batch = 0; batch < PURGE_MAX_BATCHES; batch++) {
      const count = await this.options.store.purgeSent(before, PURGE_BATCH);
      purged += count;
      if (count < PURGE_BATCH) break;
    }
    if (purged > 0)
      this.options.logger.info({ purged, before: before.toISOString() }, "old sent messages purged");
    return purged;
  }

  /** Sends what is due now, batch after batch, until nothing due is left. */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      if (this.stopping) return total;
      // Each batch leases under its own name: drains overlap in one process (the outbox job, a
      // listener's drain after its ack), and a batch whose lease was taken over by another drain of
      // this same process must see that it no longer holds it.
      const lease = `${this.owner}/${randomUUID().slice(0, 8)}`;
      const batch = await this.options.store.leaseDueMessages(
        lease,
        this.options.clock(),
        this.leaseMs,
        this.batchSize,
      );
      if (batch.length === 0) return total;
      const result = await this.sendBatch(batch, lease);
      total.sent += result.sent;
      total.retried += result.retried;
      total.failed += result.failed;
      if (result.sent === 0) return total;
    }
  }

  private async sendBatch(batch: OutboxMessage[], lease: string): Promise<DrainResult> {
    const { store, logger, clock } = this.options;
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    let pausedUntil: Date | null = null;
    for (const message of batch) {
      if (this.stopping) {
        await store.markRetry(message.key, lease, clock(), "released at shutdown", message.uncertain);
        continue;
      }
      // After a 429 the rest of the batch waits for the same Retry-After rather than hit it again.
      if (pausedUntil) {
        await store.markRetry(message.key, lease, pausedUntil, "waiting out a rate limit", message.uncertain);
        result.retried += 1;
        continue;
      }
      const log = logger.child({ key: message.key, kind: message.kind, attempt: message.attempts });
      // Sends earlier in the batch may have taken long enough for the lease to run out and another
      // replica to take this message over: it sends only while it still holds the lease.
      if (!(await store.renewMessageLease(message.key, lease, clock(), this.leaseMs))) {
        log.warn("lease ran out before sending; left to the sender that takes it over");
        continue;
      }
      const attempt: Attempt = { posted: false, uncertain: message.uncertain };
      let sent: PostedMessage;
      const keepAlive = this.keepLease(message.key, lease);
      try {
        sent = await this.post(message, attempt);
      } catch (error) {
        if (error instanceof ExpiredMessage) {
          await store.markFailed(message.key, lease, error.message);
          result.failed += 1;
          log.warn({ channel: message.channel, expiresAt: error.expiresAt }, "message expired; not sent");
          continue;
        }
        // A missing team channel is a setup problem an admin can fix (invite the bot, set the id):
        // keep retrying on the slow schedule so the post goes out once it is fixed.
        const failure: SlackFailure =
          error instanceof ChannelNotFoundError
            ? { kind: "transient", detail: error.message, uncertain: false }
            : this.options.slack.failureOf(error);
        this.options.metrics?.slackFailure(failure.kind);
        // Uncertain: an earlier attempt nobody has looked for yet, or this post failed after it left.
        const uncertain =
          attempt.uncertain || (attempt.posted && failure.kind === "transient" && failure.uncertain);
        if (failure.kind === "permanent") {
          await store.markFailed(message.key, lease, failure.detail);
          result.failed += 1;
          log.error(
            { error: failure.detail, channel: message.channel },
            "message cannot be delivered; kept as failed",
          );
          continue;
        }
        const delay =
          failure.kind === "rate-limited" ? failure.retryAfterMs : this.retry.delayMs(message.attempts);
        const next = new Date(clock().getTime() + delay);
        if (failure.kind === "rate-limited") pausedUntil = next;
        await store.markRetry(message.key, lease, next, failure.detail, uncertain);
        result.retried += 1;
        const level = error instanceof ChannelNotFoundError ? "error" : "warn";
        log[level](
          { error: failure.detail, retryAt: next.toISOString(), uncertain },
          uncertain
            ? "message may have been posted; will look for it before retrying"
            : "message will be retried",
        );
        continue;
      } finally {
        clearInterval(keepAlive);
      }
      // Outside the try: a store error here is not a failed post. The message stays leased, and
      // whoever takes it over when the lease ends finds it in the conversation.
      await store.markSent(message.key, lease, sent, clock());
      this.options.metrics?.messageSent(message.kind);
      result.sent += 1;
      log.debug({ channel: sent.channel, ts: sent.ts }, "message sent");
    }
    return result;
  }

  /** Looks for an earlier attempt when one may have landed, else posts; `attempt` says how far it got. */
  private async post(message: OutboxMessage, attempt: Attempt): Promise<PostedMessage> {
    const { slack, resolveChannel } = this.options;
    const channel = resolveChannel ? await resolveChannel(message.channel) : message.channel;
    if (attempt.uncertain) {
      const found = await this.lookFor(channel, message);
      if (found) return found;
      attempt.uncertain = false;
    }
    // Late is wrong for some messages ("breaches in 0 min" after the breach): once surely not posted,
    // one past its time is not posted at all.
    const expiresAt = message.payload.expiresAt;
    if (expiresAt && Date.parse(expiresAt) <= this.options.clock().getTime())
      throw new ExpiredMessage(expiresAt);
    attempt.posted = true;
    return slack.postMessage(channel, message.payload.text, message.payload.blocks, message.key);
  }

  /**
   * Renews the message's lease while its post (and any look-back) is under way: a slow Slack
   * answer must not let another sender take the message over and post it a second time.
   */
  private keepLease(key: string, lease: string): NodeJS.Timeout {
    const { store, clock, logger } = this.options;
    const timer = setInterval(
      () => {
        store
          .renewMessageLease(key, lease, clock(), this.leaseMs)
          .catch((error: unknown) => logger.warn({ key, err: error }, "could not renew a send's lease"));
      },
      Math.max(250, Math.floor(this.leaseMs / 3)),
    );
    timer.unref();
    return timer;
  }

  /**
   * Looks for an earlier attempt in the conversation. When Slack refuses to show it (a scope the
   * app lacks, a channel the bot is not in), a retry could not tell a double from a first post:
   * the message is kept as failed with the fix in its error, for an admin to see, not posted blind.
   */
  private async lookFor(channel: string, message: OutboxMessage): Promise<PostedMessage | null> {
    try {
      return await this.options.slack.findSentMessage(channel, message.key, message.createdAt);
    } catch (error) {
      const failure = this.options.slack.failureOf(error);
      if (failure.kind !== "permanent" || error instanceof UnverifiableSendError) throw error;
      throw new UnverifiableSendError(
        message.key,
        channel,
        `Slack refused to show the conversation (${failure.detail}): reinstall the app with the scopes in manifest.yml (channels:history, groups:history) and invite the bot to the channel`,
        { cause: error },
      );
    }
  }
}

/** A message whose time passed before it could be posted: kept as failed with this reason. */
class ExpiredMessage extends Error {
  readonly code = "MESSAGE_EXPIRED";

  constructor(readonly expiresAt: string) {
    super(`not sent: it expired at ${expiresAt} before it could be posted (Slack or the bot was held up)`);
    this.name = "ExpiredMessage";
  }
}

interface Attempt {
  /** postMessage was called: its request may have reached Slack. */
  posted: boolean;
  /** An earlier attempt may have landed and has not been looked for yet. */
  uncertain: boolean;
}
