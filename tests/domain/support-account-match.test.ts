import { describe, expect, it } from "vitest";
import { indexAccounts, matchAccount, websiteDomain } from "../../src/domain/support-account-match.ts";
import type { SupportOrganization } from "../../src/domain/support-ticket.ts";
import { account } from "../helpers/builders.ts";

const org = (over: Partial<SupportOrganization>): SupportOrganization => ({
  id: 360001,
  name: "Someone Else Ltd",
  externalId: null,
  domainNames: [],
  ...over,
});

describe("websiteDomain", () => {
  it.each([
    ["https://www.Acme.com/en/", "acme.com"],
    ["acme.com:443", "acme.com"],
    ["http://ACME.COM.", "acme.com"],
    ["www2.acme.co.uk/contact?x=1#top", "acme.co.uk"],
    ["//shop.acme.com", "shop.acme.com"],
    ["  acme.com  ", "acme.com"],
    ["", null],
    [null, null],
    ["n/a", null],
    ["Acme", null],
  ])("%j is %j", (website, domain) => {
    expect(websiteDomain(website)).toBe(domain);
  });
});

describe("matchAccount", () => {
  const accounts = [
    account({ id: "001A", name: "Acme Corp", website: "https://www.Acme.com/en/" }),
    account({ id: "001B", name: "Globex", website: "globex.io:443" }),
    // Two CRM accounts share this name (a parent and its subsidiary, say).
    account({ id: "001C", name: "Initech", website: null }),
    account({ id: "001D", name: "initech ", website: undefined }),
    account({ id: "001E", name: "Umbrella", website: "https://umbrella.example/" }),
    account({ id: "001F", name: "Umbrella Pharma", website: "http://www.umbrella.example" }),
  ];
  const index = indexAccounts(accounts);

  it.each<[string, SupportOrganization | null, string | null, string]>([
    [
      "external id wins over a domain of another account",
      org({ externalId: "001B", domainNames: ["acme.com"] }),
      "001B",
      "external-id",
    ],
    [
      "an unknown external id falls back to the domain",
      org({ externalId: "0019999", domainNames: ["acme.com"] }),
      "001A",
      "domain",
    ],
    [
      "any of an organization's several domains",
      org({ domainNames: ["acme-mail.net", "acme.com"] }),
      "001A",
      "domain",
    ],
    ["a website written with a port", org({ domainNames: ["globex.io"] }), "001B", "domain"],
    ["the same name, case and spaces ignored", org({ name: "ACME  corp" }), "001A", "name"],
    ["nothing in common", org({ domainNames: ["hooli.xyz"] }), null, "no-match"],
    // Two accounts named Initech: picking either could tell the wrong rep about a customer's
    // refund, so the name decides nothing; Support sets the external id to resolve it.
    ["a name two accounts share", org({ name: "Initech" }), null, "ambiguous"],
    // Two accounts on one website: the domain decides nothing, the unique name still does.
    [
      "a domain two accounts share, name unique",
      org({ name: "Umbrella Pharma", domainNames: ["umbrella.example"] }),
      "001F",
      "name",
    ],
    ["a domain two accounts share, no name", org({ domainNames: ["umbrella.example"] }), null, "ambiguous"],
    ["a ticket without an organization", null, null, "no-organization"],
  ])("%s", (_, organization, id, how) => {
    const match = matchAccount(organization, index);
    expect(match.account?.id ?? null).toBe(id);
    expect("by" in match ? match.by : match.reason).toBe(how);
  });
});
