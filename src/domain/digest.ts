// A rep's digest for the day: their findings minus the snoozed ones, most urgent records first.

import type { OwnerEvaluation, RecordFindings } from "./evaluate.ts";
import type { Finding } from "./findings.ts";
import type { IsoDate, Rep } from "./model.ts";
import { type Scorecard, scorecard } from "./scorecard.ts";

export interface Digest {
  owner: string;
  rep: Rep | null;
  today: IsoDate;
  /** Records with live findings, in priority order. */
  records: RecordFindings[];
  findingCount: number;
  scorecard: Scorecard;
}

export const snoozeKey = (finding: Pick<Finding, "rule" | "recordId">): string =>
  `${finding.rule}|${finding.recordId}`;

export function buildDigest(owner: OwnerEvaluation, snoozed: ReadonlySet<string> = new Set()): Digest {
  const records: RecordFindings[] = [];
  let findingCount = 0;
  for (const group of owner.records) {
    const findings =
      snoozed.size === 0 ? group.findings : group.findings.filter((f) => !snoozed.has(snoozeKey(f)));
    if (findings.length === 0) continue;
    records.push({ ...group, findings } as RecordFindings);
    findingCount += findings.length;
  }
  return {
    owner: owner.owner,
    rep: owner.rep,
    today: owner.today,
    records,
    findingCount,
    scorecard: scorecard(owner.coverage),
  };
}

/** The first `maxRecords` records, and how much is left out. */
export function firstRecords(
  digest: Digest,
  maxRecords: number,
): { shown: RecordFindings[]; moreFindings: number } {
  const shown = digest.records.slice(0, Math.max(0, maxRecords));
  const shownFindings = shown.reduce((sum, group) => sum + group.findings.length, 0);
  return { shown, moreFindings: digest.findingCount - shownFindings };
}
