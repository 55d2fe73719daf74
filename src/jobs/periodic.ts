// A job that runs on a schedule, never overlaps itself, and can be stopped after its run in flight.
import cron from "node-cron";
import type { Logger } from "../logging.ts";

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
}

export function startJob(options: JobOptions): Job {
  const log = options.logger.child({ job: options.name });
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    if (!running) {
      running = options
        .work()
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
