// Required 7 skill 1: every account tiered, with the details its tier needs, in the right segment.
import { type AccountRule, isBlank } from "./rule.ts";

export const accountUnranked: AccountRule = {
  id: "account-unranked",
  skill: "account-ranking",
  recordType: "account",
  applies: () => true,
  check: (account) => (account.tier === null ? {} : null),
};

const needsPotentialUsers = (tier: string | null) => tier === "1" || tier === "1.5";

/** SMB only: Tier 1 and 1.5 need Potential Users, Tier 2 and 3 need notes on why (when the source has the field). */
export const accountTierDetailsMissing: AccountRule = {
  id: "account-tier-details-missing",
  skill: "account-ranking",
  recordType: "account",
  applies: (account, { has }) =>
    account.segment === "SMB" &&
    account.tier !== null &&
    has(needsPotentialUsers(account.tier) ? "account.potentialUsers" : "account.tierNotes"),
  check(account) {
    if (needsPotentialUsers(account.tier)) {
      return account.potentialUsers === null ? { tier: account.tier, missing: ["Potential Users"] } : null;
    }
    return isBlank(account.tierNotes) ? { tier: account.tier ?? "", missing: ["Tier Notes"] } : null;
  },
};

export const segmentMismatch: AccountRule = {
  id: "segment-mismatch",
  skill: "account-ranking",
  recordType: "account",
  // A derived segment comes from the employee count itself: there is nothing to compare.
  applies: (account) => account.employees !== null && !account.segmentDerived,
  check(account, { thresholds }) {
    const employees = account.employees ?? 0;
    const tooSmall = employees < thresholds.employeesMin;
    const tooBig = thresholds.employeesBelow !== null && employees >= thresholds.employeesBelow;
    return tooSmall || tooBig ? { employees, segment: account.segment ?? "" } : null;
  },
};
