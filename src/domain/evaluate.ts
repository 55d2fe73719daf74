// Runs every enabled rule over a snapshot: findings grouped by owner and record, plus scorecard tallies.
import { localDate } from "./dates.ts";
import { type Finding, RULE_IDS, type RuleId, type SkillId } from "./findings.ts";
import type { Account, IsoDate, Opportunity, Rep, Segment, Snapshot } from "./model.ts";
import { compareAccounts, makeOpportunityComparator } from "./priority.ts";
import { ACCOUNT_RULES, enabledRules, OPPORTUNITY_RULES } from "./rules/index.ts";
import { makeVaguenessCheck } from "./rules/next-step-rules.ts";
import type { RecordRule, RuleContext } from "./rules/rule.ts";
import { type Coverage, emptyCoverage } from "./scorecard.ts";
import type { RuleSettings } from "./settings.ts";

export type RecordFindings =
  | { recordType: "opportunity"; record: Opportunity; findings: Finding[] }
  | { recordType: "account"; record: Account; findings: Finding[] };

export interface OwnerEvaluation {
  owner: string;
  rep: Rep | null;
  today: IsoDate;
  /** Records with at least one finding, in the handbook's priority order (opportunities first). */
  records: RecordFindings[];
  findingCount: number;
  coverage: Coverage;
}

export interface PipelineEvaluation {
  /** Every owner of a record, keyed by lower-case email, in email order. */
  owners: Map<string, OwnerEvaluation>;
  findingCount: number;
}

export interface EvaluateOptions {
  now: Date;
  settings: RuleSettings;
  /** Timezone for owners who are not in the rep list. */
  defaultTimezone: string;
}

export function evaluatePipeline(snapshot: Snapshot, options: EvaluateOptions): PipelineEvaluation {
  const { settings, now, defaultTimezone } = options;
  const isVague = makeVaguenessCheck(settings.vaguePhrases, settings.minNextStepWords);
  const opportunityRules = enabledRules(OPPORTUNITY_RULES, settings.disabledRules);
  const accountRules = enabledRules(ACCOUNT_RULES, settings.disabledRules);
  const repsByEmail = new Map(snapshot.reps.map((rep) => [rep.email.toLowerCase(), rep]));
  const accountsById = new Map(snapshot.accounts.map((account) => [account.id, account]));
  const todayByTimezone = new Map<string, IsoDate>();
  const owners = new Map<string, OwnerEvaluation>();
  const ownersByRawEmail = new Map<string, OwnerEvaluation>();
  const contexts = new Map<OwnerEvaluation, Partial<Record<Segment, RuleContext>>>();

  const ownerFor = (email: string): OwnerEvaluation => {
    const known = ownersByRawEmail.get(email);
    if (known) return known;
    const key = email.toLowerCase();
    let owner = owners.get(key);
    if (!owner) {
      const rep = repsByEmail.get(key) ?? null;
      const timezone = rep?.timezone ?? defaultTimezone;
      let today = todayByTimezone.get(timezone);
      if (!today) {
        today = localDate(now, timezone);
        todayByTimezone.set(timezone, today);
      }
      owner = {
        owner: rep?.email ?? email,
        rep,
        today,
        records: [],
        findingCount: 0,
        coverage: emptyCoverage(),
      };
      owners.set(key, owner);
    }
    ownersByRawEmail.set(email, owner);
    return owner;
  };
  const contextFor = (owner: OwnerEvaluation, segment: Segment): RuleContext => {
    let bySegment = contexts.get(owner);
    if (!bySegment) {
      bySegment = {};
      contexts.set(owner, bySegment);
    }
    let ctx = bySegment[segment];
    if (!ctx) {
      ctx = { today: owner.today, thresholds: settings.segments[segment], settings, isVague };
      bySegment[segment] = ctx;
    }
    return ctx;
  };

  for (const rep of snapshot.reps) ownerFor(rep.email);

  for (const opp of snapshot.opportunities) {
    const owner = ownerFor(opp.ownerEmail);
    const segment = accountsById.get(opp.accountId)?.segment ?? owner.rep?.segment ?? "SMB";
    const findings = runRules(opportunityRules, opp, opp.name, owner, contextFor(owner, segment));
    if (findings.length > 0) owner.records.push({ recordType: "opportunity", record: opp, findings });
  }
  for (const account of snapshot.accounts) {
    const owner = ownerFor(account.ownerEmail);
    const findings = runRules(accountRules, account, account.name, owner, contextFor(owner, account.segment));
    if (findings.length > 0) owner.records.push({ recordType: "account", record: account, findings });
  }

  const compareOpportunities = makeOpportunityComparator(settings.stageOrder);
  let findingCount = 0;
  for (const owner of owners.values()) {
    owner.records.sort((a, b) => {
      if (a.recordType === "opportunity" && b.recordType === "opportunity")
        return compareOpportunities(a.record, b.record);
      if (a.recordType === "account" && b.recordType === "account")
        return compareAccounts(a.record, b.record);
      return a.recordType === "opportunity" ? -1 : 1;
    });
    findingCount += owner.findingCount;
  }
  const sorted = new Map([...owners.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { owners: sorted, findingCount };
}

function runRules<T extends Opportunity | Account>(
  rules: readonly RecordRule<T>[],
  record: T,
  recordName: string,
  owner: OwnerEvaluation,
  ctx: RuleContext,
): Finding[] {
  const findings: Finding[] = [];
  const applied = new Set<SkillId>();
  const failed = new Set<SkillId>();
  for (const rule of rules) {
    if (!rule.applies(record, ctx)) continue;
    applied.add(rule.skill);
    const facts = rule.check(record, ctx);
    if (facts === null) continue;
    failed.add(rule.skill);
    findings.push({
      rule: rule.id,
      skill: rule.skill,
      recordType: rule.recordType,
      recordId: record.id,
      recordName,
      owner: owner.owner,
      facts,
    });
  }
  for (const skill of applied) {
    owner.coverage[skill].applicable += 1;
    if (!failed.has(skill)) owner.coverage[skill].clean += 1;
  }
  owner.findingCount += findings.length;
  return findings;
}

/** How many findings each rule raised, every rule listed. */
export function countByRule(evaluation: PipelineEvaluation): Map<RuleId, number> {
  const counts = new Map<RuleId, number>(RULE_IDS.map((rule) => [rule, 0]));
  for (const owner of evaluation.owners.values())
    for (const group of owner.records)
      for (const finding of group.findings) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
  return counts;
}

/** Every finding, owner by owner, each owner's in priority order. */
export function listFindings(evaluation: PipelineEvaluation): Finding[] {
  const all: Finding[] = [];
  for (const owner of evaluation.owners.values())
    for (const group of owner.records) all.push(...group.findings);
  return all;
}
