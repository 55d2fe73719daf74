// Finding history: each (rule, record) finding lives in episodes, from the scan that first sees it
// to the first scan without it. This module works out what one scan changes; the store writes it.
import { addDays, daysBetween } from "./dates.ts";
import type { RecordType, RuleId } from "./findings.ts";
import type { IsoDate, Snapshot } from "./model.ts";

/**
 * How an episode ended. `fixed`: the record is still there and the rule no longer fires on it.
 * `gone`: the record closed, was deleted or left the scan, or the rule was turned off; nobody fixed
 * anything, so it never counts as fixed.
 */
export type Resolution = "fixed" | "gone";

export interface Episode {
  rule: RuleId;
  recordId: string;
  recordType: RecordType;
  owner: string;
  /** The instant of the scan that opened it: tells apart the episodes of one finding. */
  openedAt: string;
  /** The owner's local date at that scan. */
  openedOn: IsoDate;
  /** The local date of the first delivered digest that listed it. */
  nudgedOn: IsoDate | null;
  snoozedOn: IsoDate | null;
  /** The owner's local date at the first scan that no longer found it. */
  resolvedOn: IsoDate | null;
  resolution: Resolution | null;
}

export interface EpisodeChanges {
  opened: Episode[];
  nudged: { rule: RuleId; recordId: string; nudgedOn: IsoDate }[];
  resolved: { rule: RuleId; recordId: string; resolvedOn: IsoDate; resolution: Resolution }[];
}

/** One finding as a scan sees it, with its owner's local date. */
export interface CurrentFinding {
  rule: RuleId;
  recordId: string;
  recordType: RecordType;
  owner: string;
  today: IsoDate;
}

export interface WeeklyScore {
  rep: string;
  /** ISO week, `2026-W09`. */
  week: string;
  skill: string;
  applicable: number;
  clean: number;
}

export const findingKey = (finding: { rule: string; recordId: string }): string =>
  `${finding.rule}|${finding.recordId}`;

export interface DiffInput {
  open: readonly Episode[];
  current: readonly CurrentFinding[];
  /** Findings listed in a delivered digest: finding key → that digest's local date. */
  listed: ReadonlyMap<string, IsoDate>;
  /** Whether an episode that ended now ended because its record or rule went away. */
  isGone: (episode: Episode) => boolean;
  /** The owner's local date now (for resolutions). */
  todayOf: (owner: string) => IsoDate;
  now: Date;
}

/** What one scan changes: new episodes, resolved ones, and ones a delivered digest listed. */
export function diffEpisodes(input: DiffInput): EpisodeChanges {
  const changes: EpisodeChanges = { opened: [], nudged: [], resolved: [] };
  const openByKey = new Map(input.open.map((episode) => [findingKey(episode), episode]));
  const seen = new Set<string>();
  for (const finding of input.current) {
    const key = findingKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    const listedOn = input.listed.get(key);
    const existing = openByKey.get(key);
    if (existing) {
      if (existing.nudgedOn === null && listedOn !== undefined && listedOn >= existing.openedOn)
        changes.nudged.push({ rule: finding.rule, recordId: finding.recordId, nudgedOn: listedOn });
      continue;
    }
    changes.opened.push({
      rule: finding.rule,
      recordId: finding.recordId,
      recordType: finding.recordType,
      owner: finding.owner,
      openedAt: input.now.toISOString(),
      openedOn: finding.today,
      nudgedOn: listedOn !== undefined && listedOn >= finding.today ? listedOn : null,
      snoozedOn: null,
      resolvedOn: null,
      resolution: null,
    });
  }
  for (const [key, episode] of openByKey) {
    if (seen.has(key)) continue;
    changes.resolved.push({
      rule: episode.rule,
      recordId: episode.recordId,
      resolvedOn: maxDate(input.todayOf(episode.owner), episode.openedOn),
      resolution: input.isGone(episode) ? "gone" : "fixed",
    });
  }
  return changes;
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/**
 * The "gone" test for a snapshot: the record is no longer read, an open-opportunity rule's record
 * closed, a closed opportunity aged out of `closed-reason-missing` with its reason still empty,
 * or the rule is off.
 */
export function makeGoneCheck(snapshot: Snapshot, isRuleOff: (rule: RuleId) => boolean) {
  const opportunities = new Map(snapshot.opportunities.map((opp) => [opp.id, opp]));
  const accounts = new Set(snapshot.accounts.map((account) => account.id));
  return (episode: Episode): boolean => {
    if (isRuleOff(episode.rule)) return true;
    if (episode.recordType === "account") return !accounts.has(episode.recordId);
    const opp = opportunities.get(episode.recordId);
    if (!opp) return true;
    if (episode.rule === "closed-reason-missing") return !opp.closedReason?.trim();
    return opp.isClosed;
  };
}

/** The ISO 8601 week of a date, `2026-W09` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: IsoDate): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = addDays(date, 3 - weekday);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
