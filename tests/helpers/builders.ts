// Small record builders: a clean record by default, so each test states only what it breaks.

import { evaluatePipeline, type OwnerEvaluation } from "../../src/domain/evaluate.ts";
import type { Finding } from "../../src/domain/findings.ts";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  type Opportunity,
  type Rep,
  type Snapshot,
} from "../../src/domain/model.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";

export const NOW = new Date("2026-03-10T15:00:00Z"); // Tuesday; 2026-03-10 in New York and London
export const TODAY = "2026-03-10";

export function rep(overrides: Partial<Rep> = {}): Rep {
  return {
    email: "ava@example.com",
    name: "Ava Okafor",
    segment: "SMB",
    timezone: "America/New_York",
    managerEmail: "mia@example.com",
    role: "ae",
    startDate: "2024-01-15",
    ...overrides,
  };
}

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: "001A",
    name: "Northwind Logistics",
    ownerEmail: "ava@example.com",
    segment: "SMB",
    employees: 50,
    tier: "2",
    potentialUsers: null,
    tierNotes: "Growing team",
    ...overrides,
  };
}

export function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  const commandPlan = {} as Opportunity["commandPlan"];
  for (const field of COMMAND_PLAN_FIELDS) commandPlan[field] = `${field} answered`;
  return {
    id: "006A",
    name: "Northwind Logistics - Premium New",
    accountId: "001A",
    ownerEmail: "ava@example.com",
    stage: "3-Technical Evaluation",
    isClosed: false,
    isWon: false,
    amount: 4_000,
    iacv: 4_000,
    closeDate: "2026-04-30",
    nextStep: "Run the pipeline demo for their platform team",
    nextStepDate: "2026-03-12",
    deckUrl: null,
    lastActivityDate: "2026-03-09",
    howHeard: "Free trial",
    closedReason: null,
    commandPlan,
    ...overrides,
  };
}

export function withPlan(fields: Partial<Opportunity["commandPlan"]>): Opportunity["commandPlan"] {
  return { ...opportunity().commandPlan, ...fields };
}

export function snapshot(parts: Partial<Snapshot> = {}): Snapshot {
  return { reps: [rep()], accounts: [account()], opportunities: [], ...parts };
}

/** Ava's evaluation (findings, records, coverage) for a snapshot at NOW with the default settings. */
export function avaEvaluation(data: Snapshot): OwnerEvaluation {
  const evaluation = evaluatePipeline(data, {
    now: NOW,
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
  });
  const owner = evaluation.owners.get("ava@example.com");
  if (!owner) throw new Error("Ava is not in the evaluation");
  return owner;
}

/** Findings for a snapshot at `now` with the default settings. */
export function findingsOf(data: Snapshot, now = NOW, settings = DEFAULT_RULE_SETTINGS): Finding[] {
  const evaluation = evaluatePipeline(data, { now, settings, defaultTimezone: "UTC" });
  return [...evaluation.owners.values()].flatMap((owner) => owner.records.flatMap((group) => group.findings));
}

export function rulesFor(opp: Partial<Opportunity>, acc: Partial<Account> = {}, now = NOW): string[] {
  return findingsOf(snapshot({ accounts: [account(acc)], opportunities: [opportunity(opp)] }), now)
    .filter((finding) => finding.recordType === "opportunity")
    .map((finding) => finding.rule);
}

export function accountRules(acc: Partial<Account>): string[] {
  return findingsOf(snapshot({ accounts: [account(acc)] }))
    .filter((finding) => finding.recordType === "account")
    .map((finding) => finding.rule);
}
