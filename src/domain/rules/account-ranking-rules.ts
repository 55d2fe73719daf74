// Required 7 skill 1: every account tiered, with the details its tier needs, in the right segment.
import { type AccountRule, isBlank } from "./rule.ts";

export const accountUnranked: AccountRule = {
  id: "account-unranked",
  skill: "account-ranking",
  recordType: "account",
  applies: () => true,
  check: (account) => (account.tier === null ? {} : null),
};

/** SMB only: Tier 1 and 1.5 need Potential Users, Tier 2 and 3 need notes on why. */
export const accountTierDetailsMissing: AccountRule = {
  id: "account-tier-details-missing",
  skill: "account-ranking",
  recordType: "account",
  applies: (account) => account.segment === "SMB" && account.tier !== null,
  check(account) {
    if (account.tier === "1" || account.tier === "1.5") {
      return account.potentialUsers === null ? { tier: account.tier, missing: ["Potential Users"] } : null;
    }
    return isBlank(account.tierNotes) ? { tier: account.tier ?? "", missing: ["Tier Notes"] } : null;
  },
};

export const segmentMismatch: AccountRule = {
  id: "segment-mismatch",
  skill: "account-ranking",
  recordType: "account",
  applies: (account) => account.employees !== null,
  check(account, { thresholds }) {
    const employees = account.employees ?? 0;
    const tooSmall = employees < thresholds.employeesMin;
    const tooBig = thresholds.employeesBelow !== null && employees >= thresholds.employeesBelow;
    return tooSmall || tooBig ? { employees, segment: account.segment } : null;
  },
};
