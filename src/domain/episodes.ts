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
  /**
   * The holdout arm it was given when it opened (`off` when the holdout was off then); null or left
   * out when that is not known (opened before arms were kept, or by a writer without the settings).
   */
  holdoutArm?: HoldoutArmName | null;
}

/** An episode's arm of the proof by holdout, fixed when it opens. */
export type HoldoutArmName = "held" | "nudged" | "off";

/** A new episode as written: with its holdout arm and the day its window passes, when known. */
export type OpenedEpisode = Episode & { holdoutEndsOn?: IsoDate | null };

export interface EpisodeChanges {
  opened: OpenedEpisode[];
  nudged: { rule: RuleId; recordId: string; nudgedOn: IsoDate }[];
  resolved: {
    rule: RuleId;
    recordId: string;
    resolvedOn: IsoDate;
    resolution: Resolution;
    /** Working days from the first nudge to this fix; null unless fixed after a nudge. */
    daysToFix: number | null;
    /** Working days from the day first seen to this fix (the holdout's count); null unless fixed. */
    seenDaysToFix?: number | null;
  }[];
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

/**
 * Open episodes by rule, then record: a scan's tens of thousands of findings are matched with them
 * without making a key string for each (which, at that size, is most of a scan's bookkeeping).
 */
export class OpenEpisodes {
  private readonly byRule = new Map<string, Map<string, Episode>>();
  private count = 0;

  constructor(episodes: Iterable<Episode> = []) {
    for (const episode of episodes) this.set(episode);
  }

  get size(): number {
    return this.count;
  }

  get(rule: string, recordId: string): Episode | undefined {
    return this.byRule.get(rule)?.get(recordId);
  }

  /** Adds or replaces the open episode of the episode's finding. */
  set(episode: Episode): void {
    let records = this.byRule.get(episode.rule);
    if (!records) {
      records = new Map();
      this.byRule.set(episode.rule, records);
    }
    if (!records.has(episode.recordId)) this.count += 1;
    records.set(episode.recordId, episode);
  }

  delete(rule: string, recordId: string): void {
    if (this.byRule.get(rule)?.delete(recordId)) this.count -= 1;
  }

  *values(): IterableIterator<Episode> {
    for (const records of this.byRule.values()) yield* records.values();
  }

  /** Whether any open episode was given the held-out arm: the holdout may still be leaving it out. */
  anyHeld(): boolean {
    for (const episode of this.values()) if (episode.holdoutArm === "held") return true;
    return false;
  }
}

export interface DiffInput {
  /** The open episodes. */
  open: readonly Episode[] | OpenEpisodes;
  current: readonly CurrentFinding[];
  /** Findings listed in a delivered digest: finding key → that digest's local date. */
  listed: ReadonlyMap<string, IsoDate>;
  /** Whether an episode that ended now ended because its record or rule went away. */
  isGone: (episode: Episode) => boolean;
  /** The owner's local date now (for resolutions). */
  todayOf: (owner: string) => IsoDate;
  /** Working days of the owner between two dates: a fix's time from its first nudge. */
  workingDays: (owner: string, from: IsoDate, to: IsoDate) => number;
  now: Date;
}

/** What one scan changes: new episodes, resolved ones, and ones a delivered digest listed. */
export function diffEpisodes(input: DiffInput): EpisodeChanges {
  const changes: EpisodeChanges = { opened: [], nudged: [], resolved: [] };
  const open = input.open instanceof OpenEpisodes ? input.open : new OpenEpisodes(input.open);
  const listed = new OpenListing(input.listed);
  const openedAt = input.now.toISOString();
  const matched = new Set<Episode>();
  /** Findings opened by this scan, by rule: a finding listed twice opens once. */
  const opening = new Map<string, Set<string>>();
  for (const finding of input.current) {
    const existing = open.get(finding.rule, finding.recordId);
    if (existing) {
      if (matched.has(existing)) continue;
      matched.add(existing);
      if (existing.nudgedOn !== null) continue;
      const listedOn = listed.get(finding.rule, finding.recordId);
      if (listedOn !== undefined && listedOn >= existing.openedOn)
        changes.nudged.push({ rule: finding.rule, recordId: finding.recordId, nudgedOn: listedOn });
      continue;
    }
    let records = opening.get(finding.rule);
    if (!records) {
      records = new Set();
      opening.set(finding.rule, records);
    }
    if (records.has(finding.recordId)) continue;
    records.add(finding.recordId);
    const listedOn = listed.get(finding.rule, finding.recordId);
    changes.opened.push({
      rule: finding.rule,
      recordId: finding.recordId,
      recordType: finding.recordType,
      owner: finding.owner,
      openedAt,
      openedOn: finding.today,
      nudgedOn: listedOn !== undefined && listedOn >= finding.today ? listedOn : null,
      snoozedOn: null,
      resolvedOn: null,
      resolution: null,
    });
  }
  if (matched.size === open.size) return changes;
  for (const episode of open.values()) {
    if (matched.has(episode)) continue;
    const resolvedOn = maxDate(input.todayOf(episode.owner), episode.openedOn);
    const resolution: Resolution = input.isGone(episode) ? "gone" : "fixed";
    changes.resolved.push({
      rule: episode.rule,
      recordId: episode.recordId,
      resolvedOn,
      resolution,
      daysToFix:
        resolution === "fixed" && episode.nudgedOn !== null
          ? input.workingDays(episode.owner, episode.nudgedOn, resolvedOn)
          : null,
      seenDaysToFix:
        resolution === "fixed" ? input.workingDays(episode.owner, episode.openedOn, resolvedOn) : null,
    });
  }
  return changes;
}

/** The listed findings by rule, then record (keys are `rule|recordId`; rule ids hold no `|`). */
class OpenListing {
  private readonly byRule = new Map<string, Map<string, IsoDate>>();

  constructor(listed: ReadonlyMap<string, IsoDate>) {
    for (const [key, day] of listed) {
      const bar = key.indexOf("|");
      const rule = key.slice(0, bar);
      let records = this.byRule.get(rule);
      if (!records) {
        records = new Map();
        this.byRule.set(rule, records);
      }
      records.set(key.slice(bar + 1), day);
    }
  }

  get(rule: string, recordId: string): IsoDate | undefined {
    return this.byRule.get(rule)?.get(recordId);
  }
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
  // Built on the first resolution only: most scans of a large pipeline resolve little or nothing.
  let opportunities: Map<string, Snapshot["opportunities"][number]> | null = null;
  let accounts: Set<string> | null = null;
  return (episode: Episode): boolean => {
    if (isRuleOff(episode.rule)) return true;
    opportunities ??= new Map(snapshot.opportunities.map((opp) => [opp.id, opp]));
    accounts ??= new Set(snapshot.accounts.map((account) => account.id));
    if (episode.recordType === "account") return !accounts.has(episode.recordId);
    const opp = opportunities.get(episode.recordId);
    if (!opp) return true;
    if (episode.rule === "closed-reason-missing") return !opp.closedReason?.trim();
    // Closing the duplicate is what possible-duplicate asks for: that is its fix, not its end.
    if (episode.rule === "possible-duplicate") return false;
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
