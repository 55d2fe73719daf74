// Runs every enabled rule over a snapshot: findings grouped by owner and record, plus scorecard tallies.
import { type FieldAvailability, fieldCheck, type RuleState, ruleStates, rulesOn } from "./availability.ts";
import { localDate } from "./dates.ts";
import { type DuplicateFacts, findDuplicates } from "./duplicates.ts";
import { type Finding, RULE_IDS, type RuleId, type SkillId } from "./findings.ts";
import type { Account, IsoDate, Opportunity, Rep, Segment, Snapshot } from "./model.ts";
import { convertOpportunities } from "./money.ts";
import { compareAccounts, makeOpportunityComparator } from "./priority.ts";
import { ACCOUNT_RULES, OPPORTUNITY_RULES } from "./rules/index.ts";
import { makeVaguenessCheck } from "./rules/next-step-rules.ts";
import type { RecordRule, RuleContext } from "./rules/rule.ts";
import { type Coverage, emptyCoverage } from "./scorecard.ts";
import { segmentPipeline } from "./segments.ts";
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
  /** Every rule on or off, with why. */
  rules: RuleState[];
  /** Records not evaluated: Enterprise accounts and their opportunities, and money with no rate. */
  leftOut: LeftOut;
}

export interface LeftOut {
  enterpriseAccounts: number;
  enterpriseOpportunities: number;
  /** Opportunities per currency that has no conversion rate. */
  noRate: Record<string, number>;
}

export interface EvaluateOptions {
  now: Date;
  settings: RuleSettings;
  /** Timezone for owners who are not in the rep list. */
  defaultTimezone: string;
  /** The fields the source has; undefined when it has them all. */
  available?: FieldAvailability | undefined;
}

export function evaluatePipeline(snapshot: Snapshot, options: EvaluateOptions): PipelineEvaluation {
  const { settings, now, defaultTimezone } = options;
  const isVague = makeVaguenessCheck(settings.vaguePhrases, settings.minNextStepWords);
  const has = fieldCheck(options.available);
  const rules = ruleStates(options.available, settings.disabledRules);
  const on = rulesOn(rules);
  const opportunityRules = OPPORTUNITY_RULES.filter((rule) => on.has(rule.id));
  const accountRules = ACCOUNT_RULES.filter((rule) => on.has(rule.id));
  const segmented = segmentPipeline(snapshot, settings.defaultSegment);
  const converted = convertOpportunities(segmented.opportunities, settings.currency, snapshot.rates);
  const repsByEmail = new Map(segmented.reps.map((rep) => [rep.email.toLowerCase(), rep]));
  const accountsById = new Map(segmented.accounts.map((account) => [account.id, account]));
  const todayByTimezone = new Map<string, IsoDate>();
  const owners = new Map<string, OwnerEvaluation>();
  const ownersByRawEmail = new Map<string, OwnerEvaluation>();
  const contexts = new Map<OwnerEvaluation, Partial<Record<Segment, RuleContext>>>();
  // Compared in each record's own money, so a record with no conversion rate is still named.
  const duplicates: ReadonlyMap<string, DuplicateFacts> = on.has("possible-duplicate")
    ? findDuplicates(segmented.opportunities, {
        compareAmounts: has("opportunity.amount"),
        currency: settings.currency,
      })
    : new Map();
  const duplicatesOf = (id: string) => duplicates.get(id);

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
      ctx = {
        today: owner.today,
        thresholds: settings.segments[segment],
        settings,
        isVague,
        has,
        duplicatesOf,
      };
      bySegment[segment] = ctx;
    }
    return ctx;
  };

  for (const rep of segmented.reps) ownerFor(rep.email);

  for (const opp of converted.opportunities) {
    const owner = ownerFor(opp.ownerEmail);
    const segment =
      segmentOf(accountsById.get(opp.accountId)) ?? owner.rep?.segment ?? settings.defaultSegment;
    const findings = runRules(opportunityRules, opp, opp.name, owner, contextFor(owner, segment));
    if (findings.length > 0) owner.records.push({ recordType: "opportunity", record: opp, findings });
  }
  for (const account of segmented.accounts) {
    const owner = ownerFor(account.ownerEmail);
    const segment = segmentOf(account) ?? settings.defaultSegment;
    const findings = runRules(accountRules, account, account.name, owner, contextFor(owner, segment));
    if (findings.length > 0) owner.records.push({ recordType: "account", record: account, findings });
  }

  const compareOpportunities = makeOpportunityComparator(settings.stageOrder ?? snapshot.stageOrder ?? null);
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
  return {
    owners: sorted,
    findingCount,
    rules,
    leftOut: {
      enterpriseAccounts: segmented.enterprise.accounts,
      enterpriseOpportunities: segmented.enterprise.opportunities,
      noRate: Object.fromEntries(converted.noRate),
    },
  };
}

/** An account's segment once resolved (segmentPipeline has left Enterprise out). */
function segmentOf(account: Account | undefined): Segment | null {
  const segment = account?.segment;
  return segment === "SMB" || segment === "MM" ? segment : null;
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
