// The nudge cycle's delivery half: for every owner with live findings, claim (rep, local date) in the
// store first, and hand the digest on only when this caller won the claim. The claim is what makes
// a digest go out at most once a day, across retries, restarts and replicas.
import { buildDigest, type Digest, snoozeKey } from "../domain/digest.ts";
import type { PipelineEvaluation } from "../domain/evaluate.ts";
import type { Logger } from "../logging.ts";
import type { LedgerStore } from "../store/store.ts";

export interface DeliveryOutcome {
  /** Digests claimed and handed to `deliver`, in owner order. */
  delivered: Digest[];
  /** Owners whose digest for their local day had already been claimed. */
  alreadySent: string[];
  /** Owners with nothing to fix (or only snoozed findings). */
  clean: string[];
}

export interface DeliverOptions {
  evaluation: PipelineEvaluation;
  store: LedgerStore;
  now: Date;
  logger: Logger;
  /** Only these owners (lower-case emails) are considered, when given: the scheduler's due reps. */
  owners?: ReadonlySet<string>;
  deliver: (digest: Digest) => Promise<void>;
}

export async function deliverDigests(options: DeliverOptions): Promise<DeliveryOutcome> {
  const { evaluation, store, logger } = options;
  const outcome: DeliveryOutcome = { delivered: [], alreadySent: [], clean: [] };
  for (const [key, owner] of evaluation.owners) {
    if (options.owners && !options.owners.has(key)) continue;
    const snoozes = owner.findingCount > 0 ? await store.activeSnoozes(owner.owner, owner.today) : [];
    const digest = buildDigest(owner, new Set(snoozes.map(snoozeKey)));
    if (digest.findingCount === 0) {
      outcome.clean.push(owner.owner);
      continue;
    }
    const claimed = await store.claimDigest({
      rep: owner.owner,
      localDate: owner.today,
      findingCount: digest.findingCount,
      claimedAt: options.now,
    });
    if (!claimed) {
      outcome.alreadySent.push(owner.owner);
      continue;
    }
    await options.deliver(digest);
    logger.debug(
      { rep: owner.owner, localDate: owner.today, findings: digest.findingCount },
      "digest delivered",
    );
    outcome.delivered.push(digest);
  }
  return outcome;
}
