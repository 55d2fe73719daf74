// The nudge cycle: evaluate the pipeline, pick the reps whose digest is due (or everyone, when an
// admin runs it now), claim each (rep, local date) and queue the digest in one step, tell admins
// once about reps missing from Slack, then send what was queued.
import type { Config } from "../config/config.ts";
import { localTime } from "../domain/dates.ts";
import { buildDigest, type Digest, snoozeKey } from "../domain/digest.ts";
import type { OwnerEvaluation } from "../domain/evaluate.ts";
import { isDigestDue } from "../domain/schedule.ts";
import type { Logger } from "../logging.ts";
import { digestMessage } from "../slack/views/digest-blocks.ts";
import { repNotFoundNotice } from "../slack/views/notices.ts";
import type { Store } from "../store/store.ts";
import type { Directory } from "./directory.ts";
import type { HistoryService } from "./history.ts";
import type { OutboxSender } from "./outbox-sender.ts";
import type { PipelineCache } from "./pipeline-cache.ts";

export interface CycleDeps {
  pipeline: PipelineCache;
  store: Store;
  directory: Directory;
  sender: OutboxSender;
  config: Pick<Config, "digest" | "admins" | "defaultTimezone">;
  logger: Logger;
  clock: () => Date;
  /** Records the finding history of every cycle; left out where nothing is recorded. */
  history?: HistoryService;
}

export interface CycleSummary {
  findings: number;
  /** Digests claimed and queued by this run. */
  queued: number;
  /** Reps whose digest for their local day had already gone (or been queued) earlier. */
  alreadySent: number;
  /** Reps with findings who are not in Slack. */
  notFound: string[];
  /** Messages the outbox delivered during this run (digests and notices, this run's or earlier ones). */
  delivered: number;
  /** Messages waiting for a retry. */
  waiting: number;
}

export type CycleMode = "due" | "now";

export async function runNudgeCycle(deps: CycleDeps, mode: CycleMode): Promise<CycleSummary> {
  const { store, logger, clock, config } = deps;
  const now = clock();
  let view = await deps.pipeline.current(mode === "now");
  let candidates = await pendingOwners(deps, view.evaluation.owners.values(), mode, now);
  let { digests, users } = await liveDigests(deps, candidates.pending);
  // Someone is due and can be sent to: send from a fresh read rather than the cached one. A rep who
  // is not in Slack, or whose findings are all snoozed, stays pending all day and must not make
  // every minute re-read the CRM.
  if (mode === "due" && digests.some((digest) => users.get(digest.owner.toLowerCase()))) {
    view = await deps.pipeline.current(true);
    candidates = await pendingOwners(deps, view.evaluation.owners.values(), mode, now);
    ({ digests, users } = await liveDigests(deps, candidates.pending));
  }
  const summary: CycleSummary = {
    findings: view.evaluation.findingCount,
    queued: 0,
    alreadySent: candidates.alreadyClaimed,
    notFound: [],
    delivered: 0,
    waiting: 0,
  };
  for (const digest of digests) {
    const userId = users.get(digest.owner.toLowerCase()) ?? null;
    if (!userId) {
      summary.notFound.push(digest.owner);
      continue;
    }
    const queued = await store.claimDigest(
      { rep: digest.owner, localDate: digest.today, findingCount: digest.findingCount, claimedAt: now },
      {
        key: `digest:${digest.owner}:${digest.today}`,
        kind: "digest",
        channel: userId,
        payload: digestMessage(digest, { maxRecords: config.digest.maxRecords }),
      },
    );
    if (queued) summary.queued += 1;
    else summary.alreadySent += 1;
  }
  await reportMissing(deps, summary.notFound, view.snapshot.reps, now);

  const drained = await deps.sender.drain();
  summary.delivered = drained.sent;
  await deps.history?.afterCycle(view, now, drained.sent);
  summary.waiting = (await store.outboxStats(clock())).depth;
  logger.info({ mode, ...summary, notFound: summary.notFound.length }, "nudge cycle finished");
  return summary;
}

/** The digests of these owners with their snoozed findings left out, and who they are in Slack. */
async function liveDigests(deps: CycleDeps, owners: OwnerEvaluation[]) {
  const digests: Digest[] = [];
  for (const owner of owners) {
    const snoozes = await deps.store.activeSnoozes(owner.owner, owner.today);
    const digest = buildDigest(owner, new Set(snoozes.map(snoozeKey)));
    if (digest.findingCount > 0) digests.push(digest);
  }
  const users = await deps.directory.resolve(digests.map((digest) => digest.owner));
  return { digests, users };
}

/**
 * Owners with findings who are due (or all, for "now") and have no digest claimed for their local
 * day, and how many due owners already had theirs.
 */
async function pendingOwners(
  deps: CycleDeps,
  owners: Iterable<OwnerEvaluation>,
  mode: CycleMode,
  now: Date,
): Promise<{ pending: OwnerEvaluation[]; alreadyClaimed: number }> {
  const { config, store } = deps;
  const due = [...owners].filter(
    (owner) =>
      owner.findingCount > 0 &&
      (mode === "now" ||
        isDigestDue(localTime(now, owner.rep?.timezone ?? config.defaultTimezone), config.digest)),
  );
  const claimedByDate = new Map<string, Set<string>>();
  for (const date of new Set(due.map((owner) => owner.today))) {
    claimedByDate.set(date, new Set((await store.listDigestClaims(date)).map((claim) => claim.rep)));
  }
  const pending = due.filter((owner) => !claimedByDate.get(owner.today)?.has(owner.owner));
  return { pending, alreadyClaimed: due.length - pending.length };
}

/** Admins hear once about each rep missing from Slack: the outbox key makes it once, ever. */
async function reportMissing(
  deps: CycleDeps,
  missing: string[],
  reps: { email: string; name: string; role: string }[],
  now: Date,
) {
  if (missing.length === 0) return;
  const adminEmails = reps.filter((rep) => rep.role === "admin").map((rep) => rep.email);
  const configured = deps.config.admins;
  const adminIds = new Set(configured.filter((admin) => !admin.includes("@")));
  const resolved = await deps.directory.resolve([
    ...adminEmails,
    ...configured.filter((admin) => admin.includes("@")),
  ]);
  for (const id of resolved.values()) if (id) adminIds.add(id);
  if (adminIds.size === 0) {
    deps.logger.warn({ reps: missing }, "reps missing from Slack and no admin in Slack to tell");
    return;
  }
  for (const email of missing) {
    const rep = reps.find((candidate) => candidate.email === email);
    for (const adminId of adminIds) {
      await deps.store.enqueue(
        {
          key: `rep-not-found:${email}:${adminId}`,
          kind: "notice",
          channel: adminId,
          payload: repNotFoundNotice(email, rep?.name ?? null),
        },
        now,
      );
    }
  }
}
