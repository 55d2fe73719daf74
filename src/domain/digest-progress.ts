// Progress since a rep's last digest, counted in findings: fixed since then, new since then, and the
// score's move. Counted by the rep's own calendar from what the bot kept of that digest and of the
// finding history; a rep's first digest has none.
import type { DigestProgress } from "./digest-plan.ts";
import type { IsoDate } from "./model.ts";

/** What the bot keeps of a delivered digest. */
export interface LastDigest {
  /** The rep's local date it was for. */
  localDate: IsoDate;
  /** The Required 7 score it showed (0–1), null when none applied. */
  score: number | null;
  /** The findings it put before the rep (`rule|recordId`). */
  nudged: readonly string[];
}

export interface ProgressInput {
  last: LastDigest | null;
  /** Every finding the scan has for the rep now, snoozed ones included. */
  current: ReadonlySet<string>;
  /** The findings of this digest. */
  live: readonly string[];
  /** The rep's local date the finding's open episode began, when the history has one. */
  openedOn: (key: string) => IsoDate | undefined;
  /** Whether a finding ended because its record or rule went away (closed, deleted, turned off). */
  gone: (key: string) => boolean;
  scoreNow: number | null;
}

/**
 * Fixed: in the last digest, not found now, and not gone. New: in this digest, not in the last one,
 * and first seen on or after its date (a finding back from a snooze is not new).
 */
export function digestProgress(
  input: ProgressInput,
): { progress: DigestProgress; newKeys: Set<string> } | null {
  const { last } = input;
  if (!last) return null;
  const before = new Set(last.nudged);
  let fixed = 0;
  for (const key of before) if (!input.current.has(key) && !input.gone(key)) fixed += 1;
  const newKeys = new Set<string>();
  for (const key of input.live) {
    if (before.has(key)) continue;
    const opened = input.openedOn(key);
    if (opened === undefined || opened >= last.localDate) newKeys.add(key);
  }
  return {
    progress: {
      since: last.localDate,
      fixed,
      new: newKeys.size,
      scoreBefore: last.score,
      scoreNow: input.scoreNow,
    },
    newKeys,
  };
}
