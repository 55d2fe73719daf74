// A job that runs on a schedule, never overlaps itself, and can be stopped after its run in flight.
import cron from "node-cron";
import type { Logger } from "../logging.ts";
import type { LeaseStore } from "../store/store.ts";

export interface Job {
  name: string;
  /** Runs the job now (the scheduler's way, and tests'); a run already in flight is joined. */
  runNow(): Promise<void>;
  /** Stops scheduling and waits for the run in flight, if any. */
  stop(): Promise<void>;
}

export interface JobOptions {
  name: string;
  logger: Logger;
  work: () => Promise<void>;
  /** A cron expression, or an interval in milliseconds. */
  every: string | number;
  /** When set, a run happens only on the replica holding the job's lease in the store. */
  lease?: { store: LeaseStore; holder: string; ttlMs: number; clock: () => Date };
}

/** Runs `work` if this replica gets the lease; a holder that dies frees it when the lease expires. */
async function underLease(
  lease: NonNullable<JobOptions["lease"]>,
  name: string,
  work: () => Promise<void>,
): Promise<boolean> {
  if (!(await lease.store.acquireLease(name, lease.holder, lease.ttlMs, lease.clock()))) return false;
  try {
    await work();
  } finally {
    await lease.store.releaseLease(name, lease.holder);
  }
  return true;
}

export function startJob(options: JobOptions): Job {
  const log = options.logger.child({ job: options.name });
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    if (!running) {
      const { lease } = options;
      running = (lease ? underLease(lease, options.name, options.work).then(() => {}) : options.work())
        .catch((error: unknown) => log.error({ err: error }, "job run failed; the next run will try again"))
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const trigger = () => {
    void runNow();
  };
  const task =
    typeof options.every === "string" ? cron.schedule(options.every, trigger, { name: options.name }) : null;
  const timer = typeof options.every === "number" ? setInterval(trigger, options.every) : null;
  return {
    name: options.name,
    runNow,
    stop: async () => {
      stopped = true;
      if (task) await task.stop();
      if (timer) clearInterval(timer);
      if (running) await running;
    },
  };
}
