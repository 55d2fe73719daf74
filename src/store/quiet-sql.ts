// Pauses, Slack links and the reps as the CRM last said, over either database.
import type { Db } from "./db.ts";
import type { QuietStore } from "./quiet-store.ts";
import { type RosterStore, toRoster, toRows } from "./roster-store.ts";

export function quietStore({ k }: Db): QuietStore {
  return {
    savePause: async (pause) => {
      await k
        .insertInto("pauses")
        .values({
          rep_email: pause.rep,
          until_date: pause.until,
          paused_by: pause.pausedBy,
          created_at: pause.createdAt.toISOString(),
        })
        .onConflict((conflict) =>
          conflict.column("rep_email").doUpdateSet((eb) => ({
            until_date: eb.ref("excluded.until_date"),
            paused_by: eb.ref("excluded.paused_by"),
            created_at: eb.ref("excluded.created_at"),
          })),
        )
        .execute();
    },
    deletePause: async (rep) =>
      (await k.deleteFrom("pauses").where("rep_email", "=", rep).executeTakeFirst()).numDeletedRows > 0n,
    listPauses: async (from) =>
      (
        await k
          .selectFrom("pauses")
          .selectAll()
          .where("until_date", ">=", from)
          .orderBy("rep_email")
          .execute()
      ).map((row) => ({
        rep: row.rep_email,
        until: row.until_date,
        pausedBy: row.paused_by,
        createdAt: new Date(row.created_at),
      })),
    saveSlackLink: async (link) => {
      await k
        .insertInto("slack_links")
        .values({
          crm_email: link.crmEmail,
          user_id: link.userId,
          linked_by: link.linkedBy,
          linked_at: link.linkedAt.toISOString(),
        })
        .onConflict((conflict) =>
          conflict.column("crm_email").doUpdateSet((eb) => ({
            user_id: eb.ref("excluded.user_id"),
            linked_by: eb.ref("excluded.linked_by"),
            linked_at: eb.ref("excluded.linked_at"),
          })),
        )
        .execute();
    },
    listSlackLinks: async () =>
      (await k.selectFrom("slack_links").selectAll().orderBy("crm_email").execute()).map((row) => ({
        crmEmail: row.crm_email,
        userId: row.user_id,
        linkedBy: row.linked_by,
        linkedAt: new Date(row.linked_at),
      })),
  };
}

export function rosterStore(db: Db): RosterStore {
  return {
    // Replaced whole in one transaction, in batches well under either database's parameter limit.
    saveRoster: async (roster) => {
      const rows = toRows(roster);
      await db.transaction(async (t) => {
        await t.k.deleteFrom("crm_reps").execute();
        for (let at = 0; at < rows.length; at += 1000)
          await t.k
            .insertInto("crm_reps")
            .values(rows.slice(at, at + 1000))
            .execute();
      });
    },
    lastRoster: async () =>
      toRoster(
        await db.k.selectFrom("crm_reps").select(["email", "rep", "read_at"]).orderBy("email").execute(),
      ),
  };
}
