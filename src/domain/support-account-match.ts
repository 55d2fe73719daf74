// Which CRM account a support ticket's organization is: by the id the desk's admins recorded, else
// by a web domain both know, else by the same name. Used for forwarded tickets and breach alerts.
import type { Account } from "./model.ts";
import type { SupportOrganization } from "./support-ticket.ts";

export type AccountMatch =
  | { account: Account; by: "external-id" | "domain" | "name" }
  | { account: null; reason: "no-organization" | "no-match" | "ambiguous" };

/**
 * The bare host of a website as a CRM records it: `https://www.Acme.com/en/`, `acme.com:443` and
 * `ACME.COM.` are all `acme.com`. Null when nothing host-like is left.
 */
export function websiteDomain(website: string | null | undefined): string | null {
  let text = (website ?? "").trim().toLowerCase();
  if (text === "") return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\/\//, "");
  // user@ before the host, then the path, query or fragment after it, then the port.
  text = text.replace(/^[^/?#@]*@/, "");
  text = text.split(/[/?#\\]/, 1)[0] ?? "";
  text = text.replace(/:\d*$/, "").replace(/\.+$/, "");
  text = text.replace(/^www\d*\./, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text) ? text : null;
}

/** The accounts indexed once, so a queue of tickets is matched without scanning them per ticket. */
export interface AccountIndex {
  byId: ReadonlyMap<string, Account>;
  byDomain: ReadonlyMap<string, Account[]>;
  byName: ReadonlyMap<string, Account[]>;
}

const nameKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

function push(map: Map<string, Account[]>, key: string, account: Account) {
  const list = map.get(key);
  if (list) list.push(account);
  else map.set(key, [account]);
}

export function indexAccounts(accounts: readonly Account[]): AccountIndex {
  const byId = new Map<string, Account>();
  const byDomain = new Map<string, Account[]>();
  const byName = new Map<string, Account[]>();
  for (const account of accounts) {
    byId.set(account.id, account);
    const domain = websiteDomain(account.website);
    if (domain) push(byDomain, domain, account);
    const name = nameKey(account.name);
    if (name) push(byName, name, account);
  }
  return { byId, byDomain, byName };
}

/**
 * The organization's account, strongest evidence first. A domain or name shared by two accounts
 * matches neither: naming one of them would send a customer's refund to a rep who does not own it,
 * which is worse than Support's ticket waiting for the desk's admins to set the external id.
 */
export function matchAccount(organization: SupportOrganization | null, index: AccountIndex): AccountMatch {
  if (!organization) return { account: null, reason: "no-organization" };
  const externalId = organization.externalId?.trim();
  const byId = externalId ? index.byId.get(externalId) : undefined;
  if (byId) return { account: byId, by: "external-id" };
  let ambiguous = false;
  // One organization lists several domains (acme.com, acme.io): every one that names a single
  // account must name the same account.
  const found = new Set<Account>();
  for (const raw of organization.domainNames) {
    const domain = websiteDomain(raw);
    const accounts = domain ? index.byDomain.get(domain) : undefined;
    if (!accounts) continue;
    if (accounts.length > 1) ambiguous = true;
    else if (accounts[0]) found.add(accounts[0]);
  }
  if (found.size === 1) {
    const [account] = found;
    if (account) return { account, by: "domain" };
  }
  if (found.size > 1) ambiguous = true;
  const named = index.byName.get(nameKey(organization.name)) ?? [];
  if (named.length === 1 && named[0]) return { account: named[0], by: "name" };
  if (named.length > 1) ambiguous = true;
  return { account: null, reason: ambiguous ? "ambiguous" : "no-match" };
}
