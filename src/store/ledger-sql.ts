// The digest ledger, snoozes, the Slack directory, job leases and settings over either database.
import type { RuleId } from "../domain/findings.ts";
import type { Db } from "./db.ts";
import { claimForwardsIn } from "./forwards-sql.ts";
import type { NewOutboxMessage } from "./outbox.ts";
import { enqueueIn } from "./outbox-sql.ts";
import { excluded, upsert } from "./rows.ts";
import type { DirectoryStore, LeaseStore, LedgerStore, SettingsStore } from "./store.ts";

const toSlackUser = ({
  checked_at,
  tz,
  ...row
}: {
  email: string;
  userId: string | null;
  checked_at: string;
  tz: string | null;
}) => ({
  ...row,
  checkedAt: new Date(checked_at),
  ...(tz ? { tz } : {}),
});

/** Thrown inside a digest's claim to undo it: the rep's day stays unclaimed, its tickets unshown. */
class NothingToSend extends Error {}

const SLACK_USER = ["email", "user_id as userId", "checked_at", "tz"] as const;

export function ledgerStore(db: Db): LedgerStore & DirectoryStore & LeaseStore & SettingsStore {
  const { k } = db;
  return {
    claimDigest: async (claim, message) => {
      try {
        return await db.transaction(async (t) => {
          const result = await t.k
            .insertInto("digest_ledger")
            .values({
              rep_email: claim.rep,
              local_date: claim.localDate,
              finding_count: claim.findingCount,
              claimed_at: claim.claimedAt.toISOString(),
            })
            .onConflict((conflict) => conflict.doNothing())
            .executeTakeFirst();
          if (result.numInsertedOrUpdatedRows !== 1n) return false;
          if (message && typeof message.payload === "function") {
            const forwards = await claimForwardsIn(t, claim.rep, message.key, claim.localDate);
            // Built for forwarded tickets alone, which another digest showed meanwhile: send nothing.
            if (claim.findingCount === 0 && forwards.length === 0) throw new NothingToSend();
            const queued = await enqueueIn(
              t,
              { ...message, payload: message.payload(forwards) },
              claim.claimedAt,
            );
            // Its key was queued (or sent and purged) before: this digest never goes out, so it must
            // not take the tickets either, or they would never be shown. Undo the claim whole.
            if (!queued) throw new NothingToSend();
          } else if (message) await enqueueIn(t, message as NewOutboxMessage, claim.claimedAt);
          return true;
        });
      } catch (error) {
        if (error instanceof NothingToSend) return false;
        throw error;
      }
    },
    listDigestClaims: async (localDate) =>
      (
        await k
          .selectFrom("digest_ledger")
          .select([
            "rep_email as rep",
            "local_date as localDate",
            "finding_count as findingCount",
            "claimed_at",
          ])
          .where("local_date", "=", localDate)
          .orderBy("rep_email")
          .execute()
      ).map(({ claimed_at, ...claim }) => ({ ...claim, claimedAt: new Date(claimed_at) })),
    snooze: async (snooze) => {
      const { rep, rule, recordId, until } = snooze;
      const row = { rep_email: rep, rule, record_id: recordId, until_date: until };
      await upsert(k, "snoozes", ["rep_email", "rule", "record_id"], row);
    },
    activeSnoozes: async (rep, today) =>
      k
        .selectFrom("snoozes")
        .select(["rep_email as rep", "rule", "record_id as recordId", "until_date as until"])
        .where("rep_email", "=", rep)
        .where("until_date", ">=", today)
        .$narrowType<{ rule: RuleId }>()
        .execute(),

    getSlackUsers: async (emails) =>
      emails.length === 0
        ? []
        : (
            await k
              .selectFrom("slack_users")
              .select(SLACK_USER)
              .where((eb) => db.dialect.inList(eb.ref("email"), emails))
              .execute()
          ).map(toSlackUser),
    findSlackUserById: async (userId) => {
      const row = await k
        .selectFrom("slack_users")
        .select(SLACK_USER)
        .where("user_id", "=", userId)
        .limit(1)
        .executeTakeFirst();
      return row ? toSlackUser(row) : null;
    },
    // In one transaction, so a refresh lands whole.
    saveSlackUsers: async (records) => {
      if (records.length === 0) return;
      // One row per email (the last given wins), in batches well under either database's parameter limit.
      const rows = [...new Map(records.map((r) => [r.email, r])).values()].map((r) => ({
        email: r.email,
        user_id: r.userId,
        checked_at: r.checkedAt.toISOString(),
        tz: r.tz ?? null,
      }));
      await db.transaction(async (t) => {
        for (let at = 0; at < rows.length; at += 1000)
          await upsert(t.k, "slack_users", ["email"], rows.slice(at, at + 1000));
      });
    },

    acquireLease: async (name, holder, ttlMs, now) => {
      const result = await k
        .insertInto("job_leases")
        .values({ name, holder, expires_at: new Date(now.getTime() + ttlMs).toISOString() })
        .onConflict((conflict) =>
          conflict
            .column("name")
            .doUpdateSet(excluded("holder", "expires_at"))
            .where((eb) =>
              eb.or([
                eb("job_leases.holder", "=", eb.ref("excluded.holder")),
                eb("job_leases.expires_at", "<", now.toISOString()),
              ]),
            ),
        )
        .executeTakeFirst();
      return result.numInsertedOrUpdatedRows === 1n;
    },
    releaseLease: async (name, holder) => {
      await k.deleteFrom("job_leases").where("name", "=", name).where("holder", "=", holder).execute();
    },

    getSetting: async (key) =>
      (await k.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst())?.value ??
      null,
    setSetting: async (key, value, now) => {
      await upsert(k, "settings", ["key"], { key, value, updated_at: now.toISOString() });
    },
  };
}
