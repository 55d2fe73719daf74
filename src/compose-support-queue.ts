// The support queue's part of the composition root: the help desk from ZENDESK_* (or the one a test
// passes in), the poller that reads the queue, forwarded tickets fed from the same read, and Take it.
// Nothing is made, and the desk is never asked, without ZENDESK_*.
import type { Config } from "./config/config.ts";
import type { Logger } from "./logging.ts";
import type { AwayStatus } from "./services/away-status.ts";
import type { Directory } from "./services/directory.ts";
import type { OutboxSender } from "./services/outbox-sender.ts";
import type { PipelineCache } from "./services/pipeline-cache.ts";
import type { SlackApi } from "./services/ports/slack-port.ts";
import type { QueueRead, SupportDesk } from "./services/ports/support-desk-port.ts";
import type { QuietDays } from "./services/quiet-days.ts";
import { SupportForwards } from "./services/support-forwards.ts";
import { pollDeadlineMs, type QueueReadHook, SupportQueueService } from "./services/support-queue.ts";
import { SupportTakeService } from "./services/support-take.ts";
import type { Store } from "./store/store.ts";
import { createZendeskDesk } from "./support/zendesk/zendesk-desk.ts";

export interface SupportQueueParts {
  /** Support's forwarded tickets, shown once in the owner's digest. */
  forwards: SupportForwards | undefined;
  /** Reads the queue every `support.pollMinutes` and sends breach alerts. */
  poller: SupportQueueService | undefined;
  take: SupportTakeService | undefined;
}

export interface SupportQueueWiring {
  config: Config;
  logger: Logger;
  clock: () => Date;
  store: Store;
  pipeline: PipelineCache;
  directory: Directory;
  quiet: QuietDays;
  away: AwayStatus;
  sender: OutboxSender;
  slack: SlackApi;
  /** A desk other than Zendesk's client (tests); still only used with ZENDESK_* set. */
  desk?: SupportDesk;
  /** Other consumers of each queue read. */
  onQueueRead: QueueReadHook[];
  /** The signal that ends a queue read after `ms` (tests); real time otherwise. */
  deadlineAfter?: (ms: number) => AbortSignal;
}

export function composeSupportQueue(wiring: SupportQueueWiring): SupportQueueParts {
  const { config, logger, clock, store } = wiring;
  const zendesk = config.zendesk;
  if (!zendesk) return { forwards: undefined, poller: undefined, take: undefined };
  const desk = wiring.desk ?? createZendeskDesk(zendesk, logger);
  if (!desk) return { forwards: undefined, poller: undefined, take: undefined };
  const forwards = new SupportForwards({
    store,
    pipeline: wiring.pipeline,
    settings: config.support,
    zendeskUrl: zendesk.url,
    logger: logger.child({ component: "support-forwards" }),
  });
  const poller = new SupportQueueService({
    desk,
    store,
    pipeline: wiring.pipeline,
    directory: wiring.directory,
    quiet: wiring.quiet,
    away: wiring.away,
    sender: wiring.sender,
    config: { ...config, deskUrl: zendesk.url },
    logger: logger.child({ component: "support-queue" }),
    clock,
    // Forwarded tickets are picked out of the same read: one read of the queue per poll.
    onRead: [(read: QueueRead, now: Date) => forwards.record(read, now), ...wiring.onQueueRead],
    readDeadlineMs: pollDeadlineMs(config.replicas.jobLeaseSeconds, config.support.pollMinutes),
    ...(wiring.deadlineAfter ? { deadlineAfter: wiring.deadlineAfter } : {}),
  });
  const take = new SupportTakeService({
    desk,
    store,
    directory: wiring.directory,
    slack: wiring.slack,
    logger: logger.child({ component: "support-take" }),
    clock,
  });
  return { forwards, poller, take };
}
