import { describe, expect, it } from "vitest";
import { explain } from "../../src/domain/messages.ts";
import { account, accountRules, findingsOf, snapshot } from "../helpers/builders.ts";

describe("account-unranked", () => {
  it("fires on an account with no tier, in either segment", () => {
    expect(accountRules({ tier: null })).toEqual(["account-unranked"]);
    expect(accountRules({ tier: null, segment: "MM", employees: 300 })).toEqual(["account-unranked"]);
  });
});

describe("account-tier-details-missing (SMB only)", () => {
  it("wants Potential Users on Tier 1 and 1.5", () => {
    expect(accountRules({ tier: "1", potentialUsers: null })).toEqual(["account-tier-details-missing"]);
    expect(accountRules({ tier: "1.5", potentialUsers: null })).toEqual(["account-tier-details-missing"]);
    expect(accountRules({ tier: "1", potentialUsers: 40, tierNotes: null })).toEqual([]);
  });

  it("wants notes on Tier 2 and 3", () => {
    expect(accountRules({ tier: "2", tierNotes: null })).toEqual(["account-tier-details-missing"]);
    expect(accountRules({ tier: "3", tierNotes: " " })).toEqual(["account-tier-details-missing"]);
  });

  it("leaves Mid-Market accounts alone", () => {
    expect(
      accountRules({ segment: "MM", employees: 300, tier: "1", potentialUsers: null, tierNotes: null }),
    ).toEqual([]);
  });
});

describe("segment-mismatch", () => {
  it("fires on an SMB account with 100 or more employees", () => {
    expect(accountRules({ employees: 99 })).toEqual([]);
    expect(accountRules({ employees: 100 })).toEqual(["segment-mismatch"]);
  });

  it("fires on a Mid-Market account under 100 or at 2,000 and more", () => {
    const mm = { segment: "MM" as const };
    expect(accountRules({ ...mm, employees: 99 })).toEqual(["segment-mismatch"]);
    expect(accountRules({ ...mm, employees: 100 })).toEqual([]);
    expect(accountRules({ ...mm, employees: 1_999 })).toEqual([]);
    expect(accountRules({ ...mm, employees: 2_000 })).toEqual(["segment-mismatch"]);
  });

  it("says to follow the rules of engagement and never ask the customer", () => {
    const [finding] = findingsOf(snapshot({ accounts: [account({ employees: 250 })] }));
    expect(explain(finding as never).problem).toBe("SMB account with 250 employees.");
    expect(explain(finding as never).action).toMatch(
      /Datafox, then DiscoverOrg, then LinkedIn.*Never ask the customer/,
    );
  });

  it("cannot judge an account whose size is unknown", () => {
    expect(accountRules({ employees: null })).toEqual([]);
  });
});
