// A digest as a short plan: a few focus records with their findings, every other finding counted
// in one line per rule. Nothing is dropped: focus findings plus the rule lines' counts are the
// digest's findings.
import { type Digest, snoozeKey } from "./digest.ts";
import type { RecordFindings } from "./evaluate.ts";
import { type Finding, RULE_IDS, type RuleId } from "./findings.ts";
import type { SupportLine } from "./forwarded-tickets.ts";
import { type PhraseSettings, phraseSettings, ruleLineText } from "./rule-phrases.ts";
import type { RuleSettings } from "./settings.ts";
import { namedInCleanup, type WeeklyCleanup } from "./weekly-cleanup.ts";

export const DEFAULT_FOCUS = 3;

export interface RuleLine {
  rule: RuleId;
  /** Findings of the rule outside the focus (one per record, so also its records). */
  count: number;
  /** "12 more opportunities have no logged activity in 14 days" */
  text: string;
  /** The records behind the count, in the digest's order, each with the rule's finding first. */
  records: RecordFindings[];
}

/** What changed since the rep's last digest; null on a rep's first digest. */
export interface DigestProgress {
  since: string;
  fixed: number;
  new: number;
  scoreBefore: number | null;
  scoreNow: number | null;
}

export interface DigestPlan {
  digest: Digest;
  /** The records that lead the digest, each with its new findings first. */
  focus: RecordFindings[];
  /** One line per rule for the rest, most findings first. */
  lines: RuleLine[];
  /** Finding keys (`rule|recordId`) new since the last digest; empty on a first digest. */
  newKeys: ReadonlySet<string>;
  progress: DigestProgress | null;
  /** Tickets Support forwarded to the rep, each shown in one digest only (the claim took them). */
  fromSupport?: readonly SupportLine[];
  /** The weekly rules' open findings, on the rep's cleanup day; absent or null otherwise. */
  weekly?: WeeklyCleanup | null;
}

export interface PlanOptions {
  /** How many records lead the digest (`digest.focus`). */
  focus: number;
  /** The thresholds the rule lines quote (the rep's segment's). */
  phrases: PhraseSettings;
  newKeys?: ReadonlySet<string>;
  progress?: DigestProgress | null;
}

const hasNew = (group: RecordFindings, newKeys: ReadonlySet<string>) =>
  group.findings.some((finding) => newKeys.has(snoozeKey(finding)));

/** The findings with the new ones first, each part in its own order. */
function newFirst(group: RecordFindings, newKeys: ReadonlySet<string>): RecordFindings {
  if (newKeys.size === 0) return group;
  const isNew = (finding: Finding) => newKeys.has(snoozeKey(finding));
  const findings = [...group.findings.filter(isNew), ...group.findings.filter((f) => !isNew(f))];
  return { ...group, findings } as RecordFindings;
}

/** The rule's finding first, then the record's others: its primary button is that rule's fix. */
function ruleFirst(group: RecordFindings, rule: RuleId): RecordFindings {
  const findings = [
    ...group.findings.filter((f) => f.rule === rule),
    ...group.findings.filter((f) => f.rule !== rule),
  ];
  return { ...group, findings } as RecordFindings;
}

/**
 * The digest's records arrive in the handbook's working order (evaluatePipeline sorts them with
 * priority.ts: opportunities by later stage, amount, close date; accounts after). Focus keeps that
 * order, except that a record with a new finding comes before one with only old ones.
 */
export function planDigest(digest: Digest, options: PlanOptions): DigestPlan {
  const newKeys = options.newKeys ?? new Set<string>();
  const size = Math.max(1, Math.floor(options.focus));
  const ranked = [
    ...digest.records.filter((group) => hasNew(group, newKeys)),
    ...digest.records.filter((group) => !hasNew(group, newKeys)),
  ];
  const focus = ranked.slice(0, size).map((group) => newFirst(group, newKeys));
  const inFocus = new Set(focus.map((group) => `${group.recordType}:${group.record.id}`));
  const byRule = new Map<RuleId, RecordFindings[]>();
  for (const group of digest.records) {
    if (inFocus.has(`${group.recordType}:${group.record.id}`)) continue;
    for (const finding of group.findings) {
      let records = byRule.get(finding.rule);
      if (!records) {
        records = [];
        byRule.set(finding.rule, records);
      }
      records.push(ruleFirst(group, finding.rule));
    }
  }
  const lines = [...byRule]
    .map(([rule, records]) => ({
      rule,
      count: records.length,
      text: ruleLineText(rule, records.length, options.phrases, focus.length > 0),
      records,
    }))
    .sort((a, b) => b.count - a.count || RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule));
  return { digest, focus, lines, newKeys, progress: options.progress ?? null };
}

/** A plan quoting the thresholds of the rep's own segment. */
export function planFor(
  digest: Digest,
  focus: number,
  settings: RuleSettings,
  since?: { newKeys: ReadonlySet<string>; progress: DigestProgress } | null,
): DigestPlan {
  return planDigest(digest, {
    focus,
    phrases: phraseSettings(settings, digest.rep?.segment),
    newKeys: since?.newKeys ?? new Set(),
    progress: since?.progress ?? null,
  });
}

/** Every finding the plan puts in front of the rep, focus and rule lines alike, by key. */
export function plannedKeys(plan: DigestPlan): string[] {
  const keys = plan.focus.flatMap((group) => group.findings.map(snoozeKey));
  for (const line of plan.lines)
    for (const group of line.records) {
      const finding = group.findings[0];
      if (finding) keys.push(snoozeKey(finding));
    }
  // The cleanup names a few records per rule and counts the rest: only those named were put in front
  // of the rep, and the history must not count the others as nudged.
  for (const line of plan.weekly ? namedInCleanup(plan.weekly) : [])
    for (const group of line.records)
      for (const finding of group.findings) if (finding.rule === line.rule) keys.push(snoozeKey(finding));
  return keys;
}

/** Findings in focus records: with the rule lines' counts, all of the digest's findings. */
export function focusFindings(plan: DigestPlan): number {
  return plan.focus.reduce((sum, group) => sum + group.findings.length, 0);
}
