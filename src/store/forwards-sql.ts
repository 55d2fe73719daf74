// Tickets Support forwarded to sales owners, over either database. A ticket is claimed for a digest
// by one UPDATE … WHERE digest_key IS NULL … RETURNING, inside the digest's own claim: whichever
// transaction updates the row first has it, the other's update finds nothing (PostgreSQL re-checks
// the condition after the row lock; SQLite writes one transaction at a time).
import type { ForwardedTicket } from "../domain/forwarded-tickets.ts";
import type { IsoDate } from "../domain/model.ts";
import type { Db } from "./db.ts";
import type { ForwardsStore, StoredForward } from "./forwards-store.ts";
import { enqueueIn } from "./outbox-sql.ts";
import type { ForwardRow } from "./tables.ts";

function toForward(row: ForwardRow): StoredForward {
  return {
    // PostgreSQL hands BIGINT back as text.
    ticketId: Number(row.ticket_id),
    accountId: row.account_id,
    ownerEmail: row.owner_email,
    managerEmail: row.manager_email,
    subject: row.subject,
    tags: JSON.parse(row.tags) as string[],
    needsApproval: row.needs_approval === 1,
    foundAt: new Date(row.found_at),
    digestKey: row.digest_key,
    shownOn: row.shown_on,
    managerDigestKey: row.manager_digest_key,
    managerShownOn: row.manager_shown_on,
  };
}

const byFound = (a: StoredForward, b: StoredForward) =>
  a.foundAt.getTime() - b.foundAt.getTime() || a.ticketId - b.ticketId;

/** Claims the rep's unshown forwarded tickets for the digest `key`; inside its transaction. */
export async function claimForwardsIn(
  db: Pick<Db, "k">,
  rep: string,
  key: string,
  localDate: IsoDate,
): Promise<ForwardedTicket[]> {
  const rows = await db.k
    .updateTable("forwarded_tickets")
    .set({ digest_key: key, shown_on: localDate })
    .where("owner_email", "=", rep.toLowerCase())
    .where("digest_key", "is", null)
    .returningAll()
    .execute();
  return rows.map(toForward).sort(byFound);
}

/** Thrown inside a transaction to undo it: the message was queued before, so nothing is claimed. */
class AlreadyQueued extends Error {}

export function forwardsStore(db: Db): ForwardsStore {
  const { k } = db;
  return {
    recordForwards: async (tickets) => {
      let added = 0;
      for (let at = 0; at < tickets.length; at += 500) {
        const rows = tickets.slice(at, at + 500).map((ticket) => ({
          ticket_id: ticket.ticketId,
          account_id: ticket.accountId,
          owner_email: ticket.ownerEmail.toLowerCase(),
          manager_email: ticket.managerEmail?.toLowerCase() ?? null,
          subject: ticket.subject,
          tags: JSON.stringify(ticket.tags),
          needs_approval: ticket.needsApproval ? 1 : 0,
          found_at: ticket.foundAt.toISOString(),
        }));
        const result = await k
          .insertInto("forwarded_tickets")
          .values(rows)
          .onConflict((conflict) => conflict.column("ticket_id").doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return added;
    },
    repsWithUnshownForwards: async () =>
      new Set(
        (
          await k
            .selectFrom("forwarded_tickets")
            .select("owner_email")
            .distinct()
            .where("digest_key", "is", null)
            .execute()
        ).map((row) => row.owner_email),
      ),
    managersWithUnshownApprovals: async () =>
      new Set(
        (
          await k
            .selectFrom("forwarded_tickets")
            .select("manager_email")
            .distinct()
            .where("needs_approval", "=", 1)
            .where("manager_digest_key", "is", null)
            .where("manager_email", "is not", null)
            .execute()
        ).flatMap((row) => (row.manager_email ? [row.manager_email] : [])),
      ),
    enqueueWithApprovals: async (manager, localDate, message, now) => {
      try {
        return await db.transaction(async (t) => {
          const rows = await t.k
            .updateTable("forwarded_tickets")
            .set({ manager_digest_key: message.key, manager_shown_on: localDate })
            .where("manager_email", "=", manager.toLowerCase())
            .where("needs_approval", "=", 1)
            .where("manager_digest_key", "is", null)
            .returningAll()
            .execute();
          const forwards = rows.map(toForward).sort(byFound);
          const queued = await enqueueIn(t, { ...message, payload: message.payload(forwards) }, now);
          // A digest queued before (by this replica or another) keeps what it showed: undo the claim.
          if (!queued) throw new AlreadyQueued();
          return true;
        });
      } catch (error) {
        if (error instanceof AlreadyQueued) return false;
        throw error;
      }
    },
    listForwards: async () =>
      (await k.selectFrom("forwarded_tickets").selectAll().execute()).map(toForward).sort(byFound),
  };
}
