// The admins' notice while CRM reads are paused names the CRM the team uses and its own setting.
import { describe, expect, it } from "vitest";
import { apiBudgetNotice } from "../../src/messages/api-budget-notice.ts";

describe("the paused-reads notice", () => {
  it("speaks of HubSpot and its setting on a HubSpot portal, never of Salesforce", () => {
    const notice = apiBudgetNotice(
      { usedPercent: 93, maxPercent: 80, setting: "hubspot.maxApiUsagePercent" },
      "HubSpot",
    );
    const shown = JSON.stringify(notice.blocks);
    expect(notice.text).toBe("HubSpot reads paused: API usage above the limit set for nudgebot");
    expect(shown).toContain("HubSpot API usage is at 93% of the daily limit, above the 80%");
    expect(shown).toContain("(hubspot.maxApiUsagePercent)");
    expect(shown).not.toContain("Salesforce");
  });
});
