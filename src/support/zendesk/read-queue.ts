// One read of the support queue: the configured groups found by name, each group's unsolved tickets
// through the Search API with their SLA targets side-loaded, and their organizations in batches.
//
// Why search: it is the one ticket list Zendesk filters by group and status and that side-loads
// live SLA targets (`include=tickets(slas)`, nested on each result as `slas.policy_metrics`). Its
// index lags by up to a few minutes, well inside a poll of minutes and a lead of hours. A query
// returns at most 1,000 results; search-unsolved.ts reads a bigger group in chunks by creation time.

import type { SupportOrganization, SupportTicket } from "../../domain/support-ticket.ts";
import type { Logger } from "../../logging.ts";
import { mapOrganization, mapTicket, UNSOLVED_STATUSES } from "./map-ticket.ts";
import { searchUnsolved } from "./search-unsolved.ts";
import type { ZendeskGroup, ZendeskGroupsPage, ZendeskOrganization, ZendeskTicket } from "./zendesk-api.ts";
import type { ZendeskClient } from "./zendesk-client.ts";

/** `show_many` takes up to 100 ids. */
const ORGANIZATIONS_PER_REQUEST = 100;

/** Every live group, through cursor pages (`page[size]`, `meta.has_more`, `links.next`). */
export async function listGroups(client: ZendeskClient, deadline?: AbortSignal): Promise<ZendeskGroup[]> {
  const groups: ZendeskGroup[] = [];
  let next: string | null = "/api/v2/groups.json?page%5Bsize%5D=100";
  while (next) {
    const page: ZendeskGroupsPage = await client.get<ZendeskGroupsPage>(next, "listing groups", deadline);
    groups.push(...(page.groups ?? []).filter((group) => !group.deleted));
    next = page.meta?.has_more && page.links?.next ? page.links.next : null;
  }
  return groups;
}

/** Configured names matched to groups, case and outer spaces ignored. */
export function matchGroups(
  names: readonly string[],
  groups: readonly ZendeskGroup[],
): { found: { name: string; id: number }[]; missing: string[] } {
  const byName = new Map(groups.map((group) => [group.name.trim().toLowerCase(), group]));
  const found: { name: string; id: number }[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const group = byName.get(name.trim().toLowerCase());
    if (group) found.push({ name: group.name, id: group.id });
    else missing.push(name);
  }
  return { found, missing };
}

export async function readOrganizations(
  client: ZendeskClient,
  ids: readonly number[],
  deadline?: AbortSignal,
): Promise<Map<number, SupportOrganization>> {
  const organizations = new Map<number, SupportOrganization>();
  for (let start = 0; start < ids.length; start += ORGANIZATIONS_PER_REQUEST) {
    const chunk = ids.slice(start, start + ORGANIZATIONS_PER_REQUEST);
    const page = await client.get<{ organizations: ZendeskOrganization[] }>(
      `/api/v2/organizations/show_many.json?ids=${chunk.join(",")}`,
      "reading the tickets' organizations",
      deadline,
    );
    for (const organization of page.organizations ?? []) {
      organizations.set(organization.id, mapOrganization(organization));
    }
  }
  return organizations;
}

export async function readQueue(
  client: ZendeskClient,
  groupNames: readonly string[],
  logger: Logger,
  deadline?: AbortSignal,
): Promise<{ tickets: SupportTicket[]; missingGroups: string[] }> {
  const { found, missing } = matchGroups(groupNames, await listGroups(client, deadline));
  const seen = new Set<number>();
  const raw: { ticket: ZendeskTicket; group: string }[] = [];
  for (const group of found) {
    for (const ticket of await searchUnsolved(client, group.id, logger, deadline)) {
      // A ticket moved between two queue groups mid-read would otherwise come twice.
      if (seen.has(ticket.id) || !UNSOLVED_STATUSES.has(ticket.status)) continue;
      seen.add(ticket.id);
      raw.push({ ticket, group: group.name });
    }
  }
  const organizationIds = [
    ...new Set(
      raw.flatMap(({ ticket }) => (ticket.organization_id === null ? [] : [ticket.organization_id])),
    ),
  ];
  const organizations = await readOrganizations(client, organizationIds, deadline);
  return {
    tickets: raw.map(({ ticket, group }) => mapTicket(ticket, group, organizations)),
    missingGroups: missing,
  };
}
