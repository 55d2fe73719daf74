// The handbook's working order: stage (most advanced first), then amount, then close date.
import type { Account, Opportunity } from "./model.ts";

export function makeOpportunityComparator(stageOrder: readonly string[]) {
  const rank = new Map(stageOrder.map((stage, index) => [stage.toLowerCase(), index]));
  const stageRank = (stage: string) => rank.get(stage.toLowerCase()) ?? stageOrder.length;
  return (a: Opportunity, b: Opportunity): number =>
    stageRank(a.stage) - stageRank(b.stage) ||
    (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0) ||
    (b.amount ?? -1) - (a.amount ?? -1) ||
    (a.closeDate < b.closeDate ? -1 : a.closeDate > b.closeDate ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Accounts have no stage: untiered first (they need ranking), then by name. */
export function compareAccounts(a: Account, b: Account): number {
  const tierRank = (account: Account) => (account.tier === null ? -1 : Number(account.tier));
  return tierRank(a) - tierRank(b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
}
