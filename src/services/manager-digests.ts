// The weekly manager digest: on the manager's day, from their time, each manager's team scorecard,
// queued once per manager and week. When that day is off for the manager (a holiday, their own
// working days) it goes on their first working day after it. Below the scorecard, the team's
// findings still open long after their first nudge.
import type { Config } from "../config/config.ts";
import { isWorkingDay, nextWorkingDay } from "../domain/calendar.ts";
import { addDays } from "../domain/dates.ts";
import type { ForwardedTicket } from "../domain/forwarded-tickets.ts";
import type { Rep } from "../domain/model.ts";
import type { Logger } from "../logging.ts";
import { approvalBlocks } from "../messages/support-blocks.ts";
import { teamMessage } from "../messages/team-blocks.ts";
import type { HistoryStore } from "../store/history-store.ts";
import type { QuietStore } from "../store/quiet-store.ts";
import type { OutboxStore } from "../store/store.ts";
import type { Directory } from "./directory.ts";
import { managerDigestKey, OUTBOX_PREFIX } from "./outbox-keys.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import type { DueCheck, QuietDays } from "./quiet-days.ts";
import { stuckOf } from "./stuck-findings.ts";
import type { SupportForwards } from "./support-forwards.ts";
import { membersOf, teamScorecard } from "./team-scorecards.ts";

export interface ManagerDigestDeps {
  pipeline: PipelineCache;
  store: OutboxStore & Pick<QuietStore, "listPauses"> & { history: Pick<HistoryStore, "openNudgedBy"> };
  directory: Directory;
  config: Pick<Config, "digest" | "effectiveness">;
  logger: Logger;
  clock: () => Date;
  quiet: QuietDays;
  /** Forwarded tickets needing approval, shown once in the manager's digest; absent when Zendesk is off. */
  forwards?: SupportForwards | undefined;
}

/** Queues the digests that are due now; returns how many this call queued. */
export async function queueManagerDigests(deps: ManagerDigestDeps): Promise<number> {
  const now = deps.clock();
  const check = await deps.quiet.at(now);
  // Who is due is known from the last read; the CRM is read again only when someone is.
  const known = await deps.pipeline.current("cached");
  const sent = await deps.store.queuedKeys(OUTBOX_PREFIX.managerDigest);
  if (!dueManagers(deps, known.snapshot.reps, check).some(({ key }) => !sent.has(key))) return 0;
  const { evaluation, snapshot } = await deps.pipeline.current();
  const due = dueManagers(deps, snapshot.reps, check);
  if (due.length === 0) return 0;
  const users = await deps.directory.resolve(due.map(({ manager }) => manager.email));
  let queued = 0;
  for (const { manager, local, key } of due) {
    const userId = users.get(manager.email.toLowerCase());
    if (!userId) continue;
    const members = membersOf(manager, evaluation);
    const team = teamScorecard(`Your team's week: Required 7 as of ${local.date}`, manager, members);
    const after = deps.config.effectiveness.escalateAfterWorkingDays;
    // The history is bookkeeping: when it cannot be read, the scorecard still goes out.
    const stuck = await stuckOf(
      { history: deps.store.history, pauses: deps.store, settings: deps.quiet.settings, after },
      members,
    ).catch((error: unknown) => {
      deps.logger.error({ err: error }, "could not read the stuck findings; the digest goes without them");
      return [];
    });
    const payload = (approvals: ForwardedTicket[] = []) =>
      teamMessage(
        team.title,
        [{ ...team, title: `Team of ${manager.name}` }],
        { reps: stuck, after },
        approvalBlocks(deps.forwards?.approvals(approvals, repNames(snapshot.reps))),
      );
    const message = { key, kind: "manager-digest", channel: userId };
    // With the support queue on, the approvals are taken in the enqueue itself: shown once.
    const added = deps.forwards
      ? await deps.forwards.enqueueWithApprovals(manager.email, local.date, { ...message, payload }, now)
      : await deps.store.enqueue({ ...message, payload: payload() }, now);
    if (added) queued += 1;
  }
  if (queued > 0) deps.logger.info({ queued }, "manager digests queued");
  return queued;
}

/**
 * Managers whose weekly digest is due now: on their manager day from the manager time, or on their
 * first working day after it when that day is off. Keyed by the week's manager day, so a digest
 * moved to the next working day is still one a week.
 */
function dueManagers(deps: ManagerDigestDeps, reps: readonly Rep[], check: DueCheck) {
  const { managerDay, managerTime } = deps.config.digest;
  const settings = deps.quiet.settings;
  return reps
    .filter((rep) => rep.role === "manager")
    .map((manager) => ({ manager, state: check.of(manager.email, manager) }))
    .filter(({ manager, state }) => {
      if (!state.due) return false; // off today, paused, or outside the window
      const sinceDay = (state.local.weekday - managerDay + 7) % 7;
      const weekDay = addDays(state.local.date, -sinceDay);
      const first = isWorkingDay(manager, weekDay, settings)
        ? weekDay
        : nextWorkingDay(manager, weekDay, settings);
      return state.local.date === first && (sinceDay > 0 || state.local.minutes >= managerTime);
    })
    .map(({ manager, state }) => ({
      manager,
      local: state.local,
      key: managerDigestKey(
        manager.email,
        addDays(state.local.date, -((state.local.weekday - managerDay + 7) % 7)),
      ),
    }));
}

/** Each rep's name by lower-case email, to say whose account an approval is on. */
function repNames(reps: readonly Rep[]): Map<string, string> {
  return new Map(reps.map((rep) => [rep.email.toLowerCase(), rep.name]));
}
