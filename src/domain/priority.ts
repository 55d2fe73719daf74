// The handbook's working order: stage (most advanced first), then amount, then close date.
import type { Account, Opportunity } from "./model.ts";

/** "4-Proposal" → 4; null when the stage name does not start with a number. */
function leadingNumber(stage: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)/.exec(stage);
  return match ? Number(match[1]) : null;
}

/**
 * Ranks stages: by the given order when there is one (the config's, or the CRM's own); otherwise by
 * a leading number in the name, highest first, then the rest alphabetically.
 */
function makeStageRank(stageOrder: readonly string[] | null): (a: string, b: string) => number {
  if (stageOrder && stageOrder.length > 0) {
    const rank = new Map(stageOrder.map((stage, index) => [stage.toLowerCase(), index]));
    const stageRank = (stage: string) => rank.get(stage.toLowerCase()) ?? stageOrder.length;
    return (a, b) => stageRank(a) - stageRank(b);
  }
  return (a, b) => {
    const na = leadingNumber(a);
    const nb = leadingNumber(b);
    if (na !== null && nb !== null) return nb - na;
    return na !== null ? -1 : nb !== null ? 1 : 0;
  };
}

export function makeOpportunityComparator(stageOrder: readonly string[] | null) {
  const compareStages = makeStageRank(stageOrder);
  return (a: Opportunity, b: Opportunity): number =>
    compareStages(a.stage, b.stage) ||
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
