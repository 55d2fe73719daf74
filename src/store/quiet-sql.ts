// Pauses, Slack links and the reps as the CRM last said, over either database.
import type { Db } from "./db.ts";
import type { QuietStore } from "./quiet-store.ts";
import { type RosterStore, toRoster, toRows } from "./roster-store.ts";
import { excluded } from "./rows.ts";

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
          conflict.column("rep_email").doUpdateSet(excluded("until_date", "paused_by", "created_at")),
        )
        .execute();
    },
    deletePause: async (rep) =>
      (await k.deleteFrom("pauses").where("rep_email", "=", rep).executeTakeFirst()).numDeletedRows > 0n,
    listPauses: async (from) =>
      (
        await k
          .selectFrom("pauses")
          .select(["rep_email as rep", "until_date as until", "paused_by as pausedBy", "created_at"])
          .where("until_date", ">=", from)
          .orderBy("rep_email")
          .execute()
      ).map(({ created_at, ...pause }) => ({ ...pause, createdAt: new Date(created_at) })),
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
          conflict.column("crm_email").doUpdateSet(excluded("user_id", "linked_by", "linked_at")),
        )
        .execute();
    },
    listSlackLinks: async () =>
      (
        await k
          .selectFrom("slack_links")
          .select(["crm_email as crmEmail", "user_id as userId", "linked_by as linkedBy", "linked_at"])
          .orderBy("crm_email")
          .execute()
      ).map(({ linked_at, ...link }) => ({ ...link, linkedAt: new Date(linked_at) })),
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
