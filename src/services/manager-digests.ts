// The weekly manager digest: on the manager's day, from their time, each manager's team scorecard,
// queued once per manager and local date.
import type { Config } from "../config/config.ts";
import { localTime } from "../domain/dates.ts";
import { isManagerDigestDue } from "../domain/schedule.ts";
import type { Logger } from "../logging.ts";
import { teamMessage } from "../slack/views/team-blocks.ts";
import type { Store } from "../store/store.ts";
import type { Directory } from "./directory.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import { membersOf, teamScorecard } from "./team-scorecards.ts";

export interface ManagerDigestDeps {
  pipeline: PipelineCache;
  store: Store;
  directory: Directory;
  config: Pick<Config, "digest">;
  logger: Logger;
  clock: () => Date;
}

/** Queues the digests that are due now; returns how many this call queued. */
export async function queueManagerDigests(deps: ManagerDigestDeps): Promise<number> {
  const now = deps.clock();
  // Who is due is known from the last read; the CRM is read again only when someone is.
  const known = await deps.pipeline.current("cached");
  const sent = await deps.store.queuedKeys("manager-digest:");
  const dueNow = known.snapshot.reps.some((rep) => {
    if (rep.role !== "manager") return false;
    const local = localTime(now, rep.timezone);
    return (
      isManagerDigestDue(local, deps.config.digest) && !sent.has(`manager-digest:${rep.email}:${local.date}`)
    );
  });
  if (!dueNow) return 0;
  const { evaluation, snapshot } = await deps.pipeline.current();
  const due = snapshot.reps
    .filter((rep) => rep.role === "manager")
    .map((manager) => ({ manager, local: localTime(now, manager.timezone) }))
    .filter(({ local }) => isManagerDigestDue(local, deps.config.digest));
  if (due.length === 0) return 0;
  const users = await deps.directory.resolve(due.map(({ manager }) => manager.email));
  let queued = 0;
  for (const { manager, local } of due) {
    const userId = users.get(manager.email.toLowerCase());
    if (!userId) continue;
    const team = teamScorecard(
      `Your team's week: Required 7 as of ${local.date}`,
      manager,
      membersOf(manager, evaluation),
    );
    const added = await deps.store.enqueue(
      {
        key: `manager-digest:${manager.email}:${local.date}`,
        kind: "manager-digest",
        channel: userId,
        payload: teamMessage(team.title, [{ ...team, title: `Team of ${manager.name}` }]),
      },
      now,
    );
    if (added) queued += 1;
  }
  if (queued > 0) deps.logger.info({ queued }, "manager digests queued");
  return queued;
}
