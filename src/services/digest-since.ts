// What changed since each rep's last digest: read from the facts the bot kept with the digests it
// delivered (which findings, what score) and from the finding history (when each finding was first
// seen), by the rep's own calendar. Bookkeeping: when it cannot be read, digests go without it.
import { addDays } from "../domain/dates.ts";
import { type Digest, snoozeKey } from "../domain/digest.ts";
import type { DigestProgress } from "../domain/digest-plan.ts";
import { digestProgress, type LastDigest } from "../domain/digest-progress.ts";
import { type Episode, makeGoneCheck, type OpenEpisodes } from "../domain/episodes.ts";
import type { RuleId } from "../domain/findings.ts";
import { ACCOUNT_RULES } from "../domain/rules/index.ts";
import type { Logger } from "../logging.ts";
import type { Store } from "../store/store.ts";
import { digestKey } from "./outbox-keys.ts";
import type { PipelineView } from "./pipeline-cache.ts";

/** How far back a rep's last digest is looked for: the outbox keeps sent digests 30 days by default. */
export const LOOKBACK_DAYS = 31;

export interface SinceLast {
  newKeys: Set<string>;
  progress: DigestProgress;
}

export interface SinceDeps {
  store: Pick<Store, "history">;
  logger: Logger;
  /** The open episodes of the finding history, when the bot keeps one. */
  openEpisodes?: () => Promise<OpenEpisodes | null>;
}

const ACCOUNT_RULE_IDS: ReadonlySet<string> = new Set(ACCOUNT_RULES.map((rule) => rule.id));

function splitKey(key: string): { rule: RuleId; recordId: string } {
  const bar = key.indexOf("|");
  return { rule: key.slice(0, bar) as RuleId, recordId: key.slice(bar + 1) };
}

/** Each rep's last delivered digest before today, within the lookback, by owner. */
async function lastDigests(deps: SinceDeps, digests: readonly Digest[]): Promise<Map<string, LastDigest>> {
  const keys = new Map<string, { owner: string; day: string }>();
  for (const digest of digests)
    for (let back = 1; back <= LOOKBACK_DAYS; back++) {
      const day = addDays(digest.today, -back);
      keys.set(digestKey(digest.owner, day), { owner: digest.owner, day });
    }
  const last = new Map<string, LastDigest>();
  for (const [key, payload] of await deps.store.history.deliveredPayloads([...keys.keys()])) {
    const sent = keys.get(key);
    // A digest sent before digests kept their facts has nothing to compare with.
    if (!sent || !payload.digest) continue;
    const known = last.get(sent.owner);
    if (!known || sent.day > known.localDate)
      last.set(sent.owner, {
        localDate: sent.day,
        score: payload.digest.score,
        nudged: payload.digest.nudged,
      });
  }
  return last;
}

export async function sinceLastDigests(
  deps: SinceDeps,
  view: PipelineView,
  digests: readonly Digest[],
): Promise<Map<string, SinceLast>> {
  const result = new Map<string, SinceLast>();
  if (digests.length === 0) return result;
  let last: Map<string, LastDigest>;
  let open: OpenEpisodes | null = null;
  try {
    last = await lastDigests(deps, digests);
    if (last.size > 0) open = (await deps.openEpisodes?.()) ?? null;
  } catch (error) {
    deps.logger.error({ err: error }, "could not read the last digests; today's go without progress");
    return result;
  }
  const off = new Set(view.evaluation.rules.filter((state) => !state.on).map((state) => state.rule));
  const isGone = makeGoneCheck(view.snapshot, (rule) => off.has(rule));
  const gone = (key: string) => {
    const { rule, recordId } = splitKey(key);
    const recordType = ACCOUNT_RULE_IDS.has(rule) ? "account" : "opportunity";
    return isGone({ rule, recordId, recordType } as Episode);
  };
  for (const digest of digests) {
    const owner = view.evaluation.owners.get(digest.owner.toLowerCase());
    const current = new Set(owner?.records.flatMap((group) => group.findings.map(snoozeKey)) ?? []);
    const since = digestProgress({
      last: last.get(digest.owner) ?? null,
      current,
      live: digest.records.flatMap((group) => group.findings.map(snoozeKey)),
      openedOn: (key) => {
        const { rule, recordId } = splitKey(key);
        return open?.get(rule, recordId)?.openedOn;
      },
      gone,
      scoreNow: digest.scorecard.overall,
    });
    if (since) result.set(digest.owner, since);
  }
  return result;
}
