// Which CRM account a support ticket's organization is: the desk's external id set to the account
// id, else a domain of the organization equal to the account's website domain, else the same name
// with case ignored. Used by the breach alerts (whose account owner to tell) and by forwarding.
import type { Account } from "./model.ts";
import type { SupportOrganization } from "./support-ticket.ts";

/**
 * The host of a website as typed in a CRM (`https://www.acme.com/about`, `acme.com`), lower case,
 * without scheme, `www.`, port or path; null when nothing host-like is there.
 */
export function websiteDomain(website: string | null | undefined): string | null {
  const text = website?.trim().toLowerCase();
  if (!text) return null;
  const host = text
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .split(/[/?#]/)[0]
    ?.replace(/:\d+$/, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  return host && /^[a-z0-9.-]+\.[a-z0-9-]+$/.test(host) ? host : null;
}

/** An account's website, read when the source has the field (it is optional on `Account`). */
function accountWebsite(account: Account): string | null {
  const website = (account as Account & { website?: string | null }).website;
  return typeof website === "string" ? website : null;
}

/** Accounts indexed once per read, so matching every ticket of a queue is a few map lookups. */
export interface AccountIndex {
  byId: Map<string, Account>;
  byDomain: Map<string, Account>;
  byName: Map<string, Account>;
}

export function indexAccounts(accounts: readonly Account[]): AccountIndex {
  const index: AccountIndex = { byId: new Map(), byDomain: new Map(), byName: new Map() };
  for (const account of accounts) {
    index.byId.set(account.id, account);
    const domain = websiteDomain(accountWebsite(account));
    // The first account of a domain or name wins: a later duplicate must not move the match.
    if (domain && !index.byDomain.has(domain)) index.byDomain.set(domain, account);
    const name = account.name.trim().toLowerCase();
    if (name && !index.byName.has(name)) index.byName.set(name, account);
  }
  return index;
}

/** The CRM account of a desk organization, by external id, then domain, then name; null when none. */
export function matchAccount(organization: SupportOrganization | null, index: AccountIndex): Account | null {
  if (!organization) return null;
  const external = organization.externalId?.trim();
  if (external) {
    const byId = index.byId.get(external);
    if (byId) return byId;
  }
  for (const domain of organization.domainNames) {
    const byDomain = index.byDomain.get(websiteDomain(domain) ?? "");
    if (byDomain) return byDomain;
  }
  return index.byName.get(organization.name.trim().toLowerCase()) ?? null;
}
