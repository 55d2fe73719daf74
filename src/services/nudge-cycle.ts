// The nudge cycle: evaluate the pipeline, pick the reps whose digest is due (or everyone, when an
// admin runs it now), claim each (rep, local date) and queue the digest in one step, tell admins
// once about reps missing from Slack, then send what was queued. The CRM is read only when someone
// may be due: nothing at night or at weekends, changes only between digests, in full before sending.
import type { Config } from "../config/config.ts";
import { type Digest, snoozeKey } from "../domain/digest.ts";
import { planFor } from "../domain/digest-plan.ts";
import type { OwnerEvaluation } from "../domain/evaluate.ts";
import type { WeeklyCleanup } from "../domain/weekly-cleanup.ts";
import type { Logger } from "../logging.ts";
import type { LedgerStore, OutboxStore, Store } from "../store/store.ts";
import { adminChannels, reportMissing, tellReadsPaused } from "./admin-notices.ts";
import type { AwayStatus } from "./away-status.ts";
import { digestPayload } from "./digest-payload.ts";
import { sinceLastDigests } from "./digest-since.ts";
import type { Directory } from "./directory.ts";
import type { HistoryService } from "./history.ts";
import { holdoutLeftOut, leftOut } from "./holdout-digests.ts";
import { digestKey } from "./outbox-keys.ts";
import type { OutboxSender } from "./outbox-sender.ts";
import type { PipelineCache, PipelineView } from "./pipeline-cache.ts";
import type { QuietDays } from "./quiet-days.ts";
import { logReadState } from "./read-state-log.ts";
import type { SupportForwards } from "./support-forwards.ts";
import { refuseUnusableRead } from "./unusable-read.ts";
import { weeklySplitter } from "./weekly-digests.ts";
import type { WeeklyRulesService } from "./weekly-rules.ts";

/** The store parts a cycle uses: the digest ledger and snoozes, queueing, and the history it reads. */
export type CycleStore = Pick<LedgerStore, "claimDigest" | "listDigestClaims" | "activeSnoozes"> &
  Pick<OutboxStore, "enqueue" | "outboxStats"> &
  Pick<Store, "history">;

export interface CycleDeps {
  pipeline: PipelineCache;
  store: CycleStore;
  directory: Directory;
  sender: OutboxSender;
  config: Pick<Config, "digest" | "admins" | "defaultTimezone" | "rules"> &
    Partial<Pick<Config, "effectiveness">>;
  logger: Logger;
  clock: () => Date;
  /** Days off, holidays and pauses: whom not to reach today. */
  quiet: QuietDays;
  /** Slack statuses: who is away right now (asked again each cycle while they are due). */
  away: AwayStatus;
  /** Records the finding history of every cycle; left out where nothing is recorded. */
  history?: HistoryService;
  /** Support's forwarded tickets, shown once in the owner's digest; left out when Zendesk is off. */
  forwards?: SupportForwards | undefined;
  /** The rules kept for the weekly cleanup; every rule is daily when left out. */
  weekly?: WeeklyRulesService;
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
  /** Reps due whose Slack status says away: not sent now, asked again next cycle. */
  away?: number;
}

export type CycleMode = "due" | "now";

export async function runNudgeCycle(deps: CycleDeps, mode: CycleMode): Promise<CycleSummary> {
  const { store, clock, config } = deps;
  const now = clock();
  // Who may be due is known from the last read: when nobody is, the CRM is not read at all.
  const known = mode === "due" ? await deps.pipeline.current("cached") : null;
  if (known && !(await anyoneUnsent(deps, known, now))) {
    logReadState(deps, known);
    return finish(deps, known, emptySummary(known), mode);
  }
  let view = known ? await changesOnly(deps, known, now) : await deps.pipeline.current(true);
  logReadState(deps, view);
  const unusable = {
    store,
    logger: deps.logger,
    sourceName: deps.pipeline.source.name,
    adminChannels: () => adminChannels(deps, view.snapshot.reps),
  };
  if (await refuseUnusableRead(unusable, view, now)) return finish(deps, view, emptySummary(view), mode);
  // A rep with no findings still gets a digest when Support forwarded them a ticket.
  const forwarded = (await deps.forwards?.repsWithUnshown()) ?? new Set<string>();
  let candidates = await pendingOwners(deps, view.evaluation.owners.values(), mode, now, forwarded);
  const statuses = new Map<string, boolean>();
  let { digests, users, cleanups } = await liveDigests(
    deps,
    view,
    candidates.pending,
    now,
    statuses,
    forwarded,
  );
  // Someone is due and can be sent to: send from a fresh read rather than the cached one. A rep who
  // is not in Slack, or whose findings are all snoozed, stays pending all day and must not make
  // every minute re-read the CRM.
  if (mode === "due" && digests.some((digest) => users.get(digest.owner.toLowerCase()))) {
    view = await deps.pipeline.current(true);
    candidates = await pendingOwners(deps, view.evaluation.owners.values(), mode, now, forwarded);
    ({ digests, users, cleanups } = await liveDigests(
      deps,
      view,
      candidates.pending,
      now,
      statuses,
      forwarded,
    ));
    if (await refuseUnusableRead(unusable, view, now)) return finish(deps, view, emptySummary(view), mode);
  }
  const summary: CycleSummary = {
    ...emptySummary(view),
    alreadySent: candidates.alreadyClaimed,
    away: [...statuses.values()].filter(Boolean).length,
  };
  const crm = deps.pipeline.source.linkLabel ?? null;
  const history = deps.history;
  const since = await sinceLastDigests(
    { store, logger: deps.logger, ...(history ? { openEpisodes: () => history.openNow() } : {}) },
    view,
    digests.filter((digest) => users.get(digest.owner.toLowerCase())),
  );
  for (const digest of digests) {
    const userId = users.get(digest.owner.toLowerCase()) ?? null;
    if (!userId) {
      summary.notFound.push(digest.owner);
      continue;
    }
    const plan = {
      ...planFor(digest, config.digest.focus, config.rules, since.get(digest.owner)),
      weekly: cleanups.get(digest.owner) ?? null,
    };
    const message = { key: digestKey(digest.owner, digest.today), kind: "digest", channel: userId };
    const { forwards } = deps;
    const queued = await store.claimDigest(
      { rep: digest.owner, localDate: digest.today, findingCount: digest.findingCount, claimedAt: now },
      forwards
        ? // The forwarded tickets are taken in the claim itself: shown by this digest and no other.
          { ...message, payload: (tickets) => digestPayload(forwards.withForwards(plan, tickets), crm) }
        : { ...message, payload: digestPayload(plan, crm) },
    );
    if (queued) summary.queued += 1;
    else summary.alreadySent += 1;
  }
  await reportMissing(deps, summary.notFound, view.snapshot.reps, now);
  return finish(deps, view, summary, mode);
}

function emptySummary(view: PipelineView): CycleSummary {
  return {
    findings: view.evaluation.findingCount,
    queued: 0,
    alreadySent: 0,
    notFound: [],
    delivered: 0,
    waiting: 0,
  };
}

/** Tells admins once a day while CRM reads are paused, sends what is queued, and logs the run. */
async function finish(deps: CycleDeps, view: PipelineView, summary: CycleSummary, mode: CycleMode) {
  const { store, logger, clock } = deps;
  const now = clock();
  await tellReadsPaused(deps, view.snapshot.reps, now);
  const drained = await deps.sender.drain();
  summary.delivered = drained.sent;
  await deps.history?.afterCycle(view, now, drained.sent);
  summary.waiting = (await store.outboxStats(clock())).depth;
  logger.info({ mode, ...summary, notFound: summary.notFound.length }, "nudge cycle finished");
  return summary;
}

/** How often, between digests, the bot looks for what changed (a new finding for a rep still due). */
const CHANGES_EVERY_MS = 15 * 60_000;

/** Between digests only what changed is read (where the source can tell), and at most every 15 minutes. */
async function changesOnly(deps: CycleDeps, known: PipelineView, now: Date): Promise<PipelineView> {
  if (now.getTime() - known.readAt.getTime() < CHANGES_EVERY_MS) return known;
  const source = deps.pipeline.source;
  source.preferIncremental?.(true);
  try {
    return await deps.pipeline.current(true);
  } finally {
    source.preferIncremental?.(false);
  }
}

/**
 * Whether anyone (with findings or not at the last read) is due now (inside their window on one of
 * their working days, not paused) without today's digest.
 */
async function anyoneUnsent(deps: CycleDeps, view: PipelineView, now: Date): Promise<boolean> {
  const { store } = deps;
  const check = await deps.quiet.at(now);
  const due = [...view.evaluation.owners.values()]
    .map((owner) => ({ owner: owner.owner, state: check.of(owner.owner, owner.rep) }))
    .filter(({ state }) => state.due)
    .map(({ owner, state }) => ({ owner, local: state.local }));
  const claimed = new Map<string, Set<string>>();
  for (const { owner, local } of due) {
    let claims = claimed.get(local.date);
    if (!claims) {
      claims = new Set((await store.listDigestClaims(local.date)).map((claim) => claim.rep));
      claimed.set(local.date, claims);
    }
    if (!claims.has(owner)) return true;
  }
  return false;
}

/**
 * The digests of these owners with their snoozed and held-out findings left out, and who they are
 * in Slack; the weekly rules' findings wait for the owner's cleanup day, listed apart then.
 * Owners whose Slack status says away are left out (they stay pending for the next cycle).
 */
async function liveDigests(
  deps: CycleDeps,
  view: PipelineView,
  owners: OwnerEvaluation[],
  now: Date,
  statuses: Map<string, boolean>,
  forwarded: ReadonlySet<string>,
) {
  const live: Digest[] = [];
  const cleanups = new Map<string, WeeklyCleanup>();
  const heldOut = await holdoutLeftOut(deps);
  const split = await weeklySplitter(deps, view.evaluation);
  for (const owner of owners) {
    const snoozes = await deps.store.activeSnoozes(owner.owner, owner.today);
    const { digest, weekly } = split(owner, leftOut(snoozes.map(snoozeKey), heldOut(owner)));
    if (digest.findingCount === 0 && !weekly && !forwarded.has(digest.owner.toLowerCase())) continue;
    live.push(digest);
    if (weekly) cleanups.set(digest.owner, weekly);
  }
  const users = await deps.directory.resolve(live.map((digest) => digest.owner));
  const ids = live.map((digest) => users.get(digest.owner.toLowerCase())).filter((id) => id != null);
  const away = await deps.away.away(ids, now, statuses);
  const digests = live.filter((digest) => !away.has(users.get(digest.owner.toLowerCase()) ?? ""));
  return { digests, users, cleanups };
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
  forwarded: ReadonlySet<string>,
): Promise<{ pending: OwnerEvaluation[]; alreadyClaimed: number }> {
  const { store } = deps;
  // A run on demand ignores the schedule (window and configured working days: an admin asked for
  // it now) but never a declared absence: a public holiday, a company day off, a pause, or a day
  // outside the rep's own working days.
  const check = await deps.quiet.at(now);
  const due = [...owners].filter((owner) => {
    if (owner.findingCount === 0 && !forwarded.has(owner.owner.toLowerCase())) return false;
    const state = check.of(owner.owner, owner.rep);
    if (mode === "due") return state.due;
    const ownDays = (owner.rep?.workingDays?.length ?? 0) > 0;
    return state.dayOff === null || (state.dayOff.kind === "not-working-day" && !ownDays);
  });
  const claimedByDate = new Map<string, Set<string>>();
  for (const date of new Set(due.map((owner) => owner.today))) {
    claimedByDate.set(date, new Set((await store.listDigestClaims(date)).map((claim) => claim.rep)));
  }
  const pending = due.filter((owner) => !claimedByDate.get(owner.today)?.has(owner.owner));
  return { pending, alreadyClaimed: due.length - pending.length };
}
