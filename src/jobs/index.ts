// The schedules: each minute the digest cycle (due reps only) and the manager digests; every few
// seconds the outbox, so retries go out when their backoff ends.
import type { Logger } from "../logging.ts";
import { type ManagerDigestDeps, queueManagerDigests } from "../services/manager-digests.ts";
import { type CycleDeps, runNudgeCycle } from "../services/nudge-cycle.ts";
import type { OutboxSender } from "../services/outbox-sender.ts";
import { type Job, startJob } from "./periodic.ts";

export interface Jobs {
  digests: Job;
  outbox: Job;
  stop(): Promise<void>;
}

export function startJobs(
  deps: CycleDeps & ManagerDigestDeps & { sender: OutboxSender; logger: Logger },
): Jobs {
  const digests = startJob({
    name: "digests",
    logger: deps.logger,
    every: "* * * * *",
    work: async () => {
      await runNudgeCycle(deps, "due");
      if ((await queueManagerDigests(deps)) > 0) await deps.sender.drain();
    },
  });
  const outbox = startJob({
    name: "outbox",
    logger: deps.logger,
    every: 5_000,
    work: async () => {
      await deps.sender.drain();
    },
  });
  return {
    digests,
    outbox,
    stop: async () => {
      await Promise.all([digests.stop(), outbox.stop()]);
    },
  };
}
