// One group's unsolved tickets through the Search API, read whole however many there are.
//
// A search query returns at most 1,000 results (offset pages of 100 through `next_page`; the page
// past the 1,000th answers 422). Zendesk's advice for more is to cut the search by date, so the
// read is a keyset on creation time: results sorted by `created_at` ascending, and when a query
// stops at the limit the next one asks for `created>=<the last ticket's created_at>` (an ISO 8601
// time, which the search takes to the second). `>=` rather than `>` because tickets created in
// the same second may straddle the cut; those come again and are dropped by id. Only a single
// second holding more than 1,000 unsolved tickets of the group (a bulk import) cannot be cut
// finer: the read logs what it skips and goes on with `created>` past that second.

import type { Logger } from "../../logging.ts";
import type { ZendeskSearchPage, ZendeskTicket } from "./zendesk-api.ts";
import type { ZendeskClient } from "./zendesk-client.ts";

/** Zendesk's search returns no more than this per query. */
const SEARCH_CAP = 1_000;
const PER_PAGE = 100;

interface Chunk {
  tickets: ZendeskTicket[];
  /** The query had more results than the cap let it return. */
  cut: boolean;
  count: number;
}

/** One query's results, page by page, stopping before the page Zendesk would refuse. */
async function readChunk(client: ZendeskClient, query: string, deadline?: AbortSignal): Promise<Chunk> {
  const params = new URLSearchParams({
    query,
    include: "tickets(slas)",
    sort_by: "created_at",
    sort_order: "asc",
    per_page: String(PER_PAGE),
  });
  const tickets: ZendeskTicket[] = [];
  let read = 0;
  let count = 0;
  let next: string | null = `/api/v2/search.json?${params}`;
  while (next) {
    const page: ZendeskSearchPage = await client.get<ZendeskSearchPage>(
      next,
      "searching the queue's tickets",
      deadline,
    );
    tickets.push(...(page.results ?? []).filter((result) => (result.result_type ?? "ticket") === "ticket"));
    read += page.results?.length ?? 0;
    count = page.count;
    if (read >= SEARCH_CAP) return { tickets, cut: page.next_page !== null, count };
    next = page.next_page;
  }
  return { tickets, cut: false, count };
}

export async function searchUnsolved(
  client: ZendeskClient,
  groupId: number,
  logger: Logger,
  deadline?: AbortSignal,
): Promise<ZendeskTicket[]> {
  const base = `type:ticket status<solved group:${groupId}`;
  const seen = new Set<number>();
  const tickets: ZendeskTicket[] = [];
  let from = "";
  for (;;) {
    const chunk = await readChunk(client, from ? `${base} ${from}` : base, deadline);
    let fresh = 0;
    for (const ticket of chunk.tickets) {
      if (seen.has(ticket.id)) continue;
      seen.add(ticket.id);
      tickets.push(ticket);
      fresh += 1;
    }
    if (!chunk.cut) return tickets;
    const first = chunk.tickets[0]?.created_at;
    const last = chunk.tickets.at(-1)?.created_at;
    if (!first || !last) {
      logger.warn(
        { groupId, count: chunk.count, read: tickets.length },
        "zendesk search results carry no created_at to read past 1000; the oldest were read",
      );
      return tickets;
    }
    if (first === last) {
      // Every result shares one second: `created>=` would answer the same 1,000 again.
      logger.warn(
        { groupId, createdAt: last, read: tickets.length },
        "more than 1000 unsolved tickets of the group were created in one second; the rest of that second is skipped",
      );
      from = `created>${last}`;
    } else if (fresh === 0) {
      // Nothing new from a query cut at the limit: a search answering out of order; stop rather than loop.
      logger.warn({ groupId, createdAt: last, read: tickets.length }, "zendesk search made no progress");
      return tickets;
    } else {
      from = `created>=${last}`;
    }
  }
}
