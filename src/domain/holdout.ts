// Proof by holdout: which finding episodes are held out of digests, and whether nudging the rest
// fixed more of them than chance would explain (Newcombe's hybrid score interval for the
// difference of two proportions). Pure: no clock, no store, no randomness.
import type { RuleId } from "./findings.ts";

/** Episodes each arm needs before a verdict is given. */
export const HOLDOUT_MIN_PER_ARM = 30;
/** The most of its findings a rule may hold out (SPEC: effectiveness.holdoutPercent, 0–50). */
export const HOLDOUT_MAX_PERCENT = 50;
/** The 97.5th percentile of the standard normal distribution: a two-sided 95% interval. */
const Z95 = 1.959963984540054;
const utf8 = new TextEncoder();

/**
 * FNV-1a, 32 bits, over the text's UTF-8 bytes (offset basis 2166136261, prime 16777619; see
 * http://www.isthe.com/chongo/tech/comp/fnv/). Plain integer arithmetic, so every process and Node
 * version gives the same number for the same text.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** What identifies one finding episode: its rule, its record, and when the episode started. */
export interface EpisodeKey {
  rule: RuleId;
  recordId: string;
  /**
   * The episode's start date as the history keeps it: the owner's local date of the scan that first
   * saw it. A date, not the scan's instant, so a digest can tell the arm of a finding it is about to
   * show before the scan after it has written the new episode.
   */
  openedOn: string;
}

/** The text hashed for an episode; the separator cannot occur in an ISO date or a rule id. */
export function holdoutKey(episode: EpisodeKey): string {
  return `${episode.rule}|${episode.recordId}|${episode.openedOn}`;
}

/**
 * Whether the episode is in the held-out arm, with probability `percent` / 100: its hash, read as
 * a fraction of 2³², falls below that share. The same episode is always in the same arm; a new
 * episode of the same finding is drawn afresh. 0 (or less) holds nothing out.
 */
export function isHeldOut(episode: EpisodeKey, percent: number): boolean {
  if (!(percent > 0)) return false;
  if (percent >= 100) return true;
  return fnv1a32(holdoutKey(episode)) < (percent / 100) * 2 ** 32;
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson's score interval for a proportion `successes` / `trials`, without continuity correction
 * (Newcombe 1998 method 3). Stays inside [0, 1], and is not degenerate at 0/n or n/n.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): Interval {
  checkCounts(successes, trials);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0/n and n/n one bound is exactly 0 or 1; floating point would leave a crumb.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The 95% interval for p1 − p2 by Newcombe's hybrid score method (Newcombe 1998, Statistics in
 * Medicine 17:873–890, method 10): each proportion's Wilson interval, combined as
 * L = D − √((p1 − l1)² + (u2 − p2)²), U = D + √((u1 − p1)² + (p2 − l2)²).
 */
export function newcombeInterval(
  first: { successes: number; trials: number },
  second: { successes: number; trials: number },
  z = Z95,
): Interval & { difference: number } {
  const p1 = first.successes / first.trials;
  const p2 = second.successes / second.trials;
  const one = wilsonInterval(first.successes, first.trials, z);
  const two = wilsonInterval(second.successes, second.trials, z);
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.hypot(p1 - one.low, two.high - p2),
    high: difference + Math.hypot(one.high - p1, p2 - two.low),
  };
}

function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(trials) || trials <= 0)
    throw new RangeError(`a proportion needs a whole number of trials above 0, not ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials)
    throw new RangeError(`successes must be a whole number from 0 to ${trials}, not ${successes}`);
}

/** One arm's episodes whose window has passed, and how many of them were fixed within it. */
export interface HoldoutArm {
  n: number;
  fixed: number;
}

/**
 * A rule's holdout result, as `report --json` gives it under `"holdout"`: percentage points, one
 * decimal (`43.4`), the nudged arm's fix rate minus the held-out arm's.
 */
export interface HoldoutResult {
  nudged: HoldoutArm;
  held: HoldoutArm;
  uplift: number;
  ciLow: number;
  ciHigh: number;
  /** The interval's lower bound is above 0: nudging fixes more than leaving it alone. */
  proven: boolean;
}

export type HoldoutVerdict =
  | { status: "measured"; result: HoldoutResult }
  | {
      status: "not-enough-data";
      nudged: HoldoutArm;
      held: HoldoutArm;
      needed: number;
      /** "not enough data yet (12 held out, 30 needed)" */
      text: string;
    };

const points = (share: number) => Math.round(share * 1000) / 10;

/** The verdict for one rule: the uplift with its interval, or how far each arm is from enough. */
export function holdoutVerdict(
  nudged: HoldoutArm,
  held: HoldoutArm,
  needed = HOLDOUT_MIN_PER_ARM,
): HoldoutVerdict {
  checkCounts(nudged.fixed, Math.max(nudged.n, 1));
  checkCounts(held.fixed, Math.max(held.n, 1));
  if (nudged.n < needed || held.n < needed) {
    const short = [
      ...(held.n < needed ? [`${held.n} held out`] : []),
      ...(nudged.n < needed ? [`${nudged.n} nudged`] : []),
    ];
    return {
      status: "not-enough-data",
      nudged,
      held,
      needed,
      text: `not enough data yet (${short.join(" and ")}, ${needed} needed)`,
    };
  }
  const interval = newcombeInterval(
    { successes: nudged.fixed, trials: nudged.n },
    { successes: held.fixed, trials: held.n },
  );
  return {
    status: "measured",
    result: {
      nudged,
      held,
      uplift: points(interval.difference),
      ciLow: points(interval.low),
      ciHigh: points(interval.high),
      proven: interval.low > 0,
    },
  };
}

/** What `report --json` shows under `"holdout"`: null when the holdout is off or data is short. */
export function holdoutJson(verdict: HoldoutVerdict | null): HoldoutResult | null {
  return verdict?.status === "measured" ? verdict.result : null;
}
