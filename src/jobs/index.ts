// The schedules: each minute the digest cycle (due reps only) and the manager digests, and the
// trip reminders, adoption check-ins and new-hire reminders; every few seconds the outbox, so
// retries go out when their backoff ends; with a help desk configured, the support queue's poll
// every support.pollMinutes, as its own job so a slow or failing desk never holds up the others.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config/config.ts";
import type { Logger } from "../logging.ts";
import type { GiveBackService } from "../services/give-backs.ts";
import { type ManagerDigestDeps, queueManagerDigests } from "../services/manager-digests.ts";
import { type CycleDeps, runNudgeCycle } from "../services/nudge-cycle.ts";
import type { OutboxSender } from "../services/outbox-sender.ts";
import type { SupportQueueService } from "../services/support-queue.ts";
import type { TripService } from "../services/trips.ts";
import type { LeaseStore } from "../store/store.ts";
import { type Job, startJob } from "./periodic.ts";

export interface Jobs {
  digests: Job;
  rituals: Job;
  outbox: Job;
  /** The support queue's poll; null when no help desk is configured. */
  support: Job | null;
  stop(): Promise<void>;
}

export type JobDeps = CycleDeps &
  ManagerDigestDeps & {
    /** Each job's lease, besides what the cycle and the manager digests use. */
    store: LeaseStore;
    sender: OutboxSender;
    logger: Logger;
    trips: TripService;
    giveBacks: GiveBackService;
    config: Pick<Config, "replicas">;
    /** Breach alerts, when a help desk is configured. */
    support?: { service: SupportQueueService; pollMinutes: number } | undefined;
  };

export function startJobs(
  deps: JobDeps,
  holder = `replica-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
): Jobs {
  // Each minute's work runs on one replica; the claims in the store make a second run harmless anyway.
  const lease = {
    store: deps.store,
    holder,
    ttlMs: deps.config.replicas.jobLeaseSeconds * 1000,
    clock: deps.clock,
  };
  const digests = startJob({
    name: "digests",
    logger: deps.logger,
    every: "* * * * *",
    lease,
    work: async () => {
      await runNudgeCycle(deps, "due");
      if ((await queueManagerDigests(deps)) > 0) await deps.sender.drain();
    },
  });
  const rituals = startJob({
    name: "rituals",
    logger: deps.logger,
    every: "* * * * *",
    lease,
    work: async () => {
      const queued =
        (await deps.trips.queueReminders()) +
        (await deps.giveBacks.queueCheckIns()) +
        (await deps.giveBacks.queueNewHireReminders());
      if (queued > 0) await deps.sender.drain();
    },
  });
  const outbox = startJob({
    name: "outbox",
    logger: deps.logger,
    every: 5_000,
    work: async () => {
      await deps.sender.drain();
      await deps.sender.purgeOld();
    },
  });
  const { support: queue } = deps;
  // Each minute on the lease holder, polling on the minutes that are a multiple of pollMinutes: every
  // replica agrees on which minutes those are, so the lease makes one poll of each.
  const support = queue
    ? startJob({
        name: "support-queue",
        logger: deps.logger,
        every: "* * * * *",
        lease,
        work: async () => {
          if (Math.floor(deps.clock().getTime() / 60_000) % queue.pollMinutes === 0)
            await queue.service.poll();
        },
      })
    : null;
  return {
    digests,
    rituals,
    outbox,
    support,
    stop: async () => {
      await Promise.all([digests.stop(), rituals.stop(), outbox.stop(), support?.stop()]);
    },
  };
}
