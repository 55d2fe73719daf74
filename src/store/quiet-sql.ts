// Pauses, Slack links and the reps as the CRM last said, over either database.
import type { Rep } from "../domain/model.ts";
import type { Db } from "./db.ts";
import type { QuietStore } from "./quiet-store.ts";
import type { RosterStore } from "./roster-store.ts";
import { upsert } from "./rows.ts";

export function quietStore({ k }: Db): QuietStore {
  return {
    savePause: async (pause) => {
      const { rep, until, pausedBy, createdAt } = pause;
      const row = {
        rep_email: rep,
        until_date: until,
        paused_by: pausedBy,
        created_at: createdAt.toISOString(),
      };
      await upsert(k, "pauses", ["rep_email"], row);
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
      const { crmEmail, userId, linkedBy, linkedAt } = link;
      const row = {
        crm_email: crmEmail,
        user_id: userId,
        linked_by: linkedBy,
        linked_at: linkedAt.toISOString(),
      };
      await upsert(k, "slack_links", ["crm_email"], row);
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
    // Replaced whole in one transaction, in batches well under either database's parameter limit:
    // one row per rep, the email (lower case) as the key, the rep as JSON.
    saveRoster: async ({ reps, readAt }) => {
      const byEmail = new Map(reps.map((rep) => [rep.email.toLowerCase(), rep]));
      const rows = [...byEmail].map(([email, rep]) => ({
        email,
        rep: JSON.stringify(rep),
        read_at: readAt.toISOString(),
      }));
      await db.transaction(async (t) => {
        await t.k.deleteFrom("crm_reps").execute();
        for (let at = 0; at < rows.length; at += 1000)
          await t.k
            .insertInto("crm_reps")
            .values(rows.slice(at, at + 1000))
            .execute();
      });
    },
    lastRoster: async () => {
      const rows = await db.k.selectFrom("crm_reps").select(["rep", "read_at"]).orderBy("email").execute();
      const first = rows[0];
      return first
        ? { reps: rows.map((row) => JSON.parse(row.rep) as Rep), readAt: new Date(first.read_at) }
        : null;
    },
  };
}
