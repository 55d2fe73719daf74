// Salesforce users as reps: where their public holidays come from.
import { describe, expect, it } from "vitest";
import { firstCandidates, mergeFieldMap } from "../../src/sources/salesforce/field-map.ts";
import { mapUsers } from "../../src/sources/salesforce/map-records.ts";

const user = (email: string, place: Record<string, string | null>) => ({
  Email: email,
  Name: email.split("@")[0],
  TimeZoneSidKey: "America/Los_Angeles",
  Nudge_Role__c: "ae",
  ...place,
});

describe("a Salesforce user's country", () => {
  it("gives the rep's holidays from CountryCode and StateCode, the region only where it has holidays", () => {
    const { values, issues } = mapUsers(
      [
        user("ca@example.com", { CountryCode: "US", StateCode: "CA" }),
        user("uk@example.com", { CountryCode: "GB", StateCode: null }),
        user("odd@example.com", { CountryCode: "JP", StateCode: "ZZ" }),
        user("none@example.com", { CountryCode: null, StateCode: null }),
      ],
      firstCandidates(mergeFieldMap({})),
    );
    expect(issues).toEqual([]);
    expect(values.map((rep) => rep.country)).toEqual(["US-CA", "GB", "JP", undefined]);
  });
});
