// Breach alerts over either database: the alert row and its DM in one transaction.
import type { Selectable } from "kysely";
import type { AlertOutcome } from "../domain/support-breach.ts";
import type { Db } from "./db.ts";
import { enqueueIn } from "./outbox-sql.ts";
import type { SupportAlert, SupportAlertStore } from "./support-alerts-store.ts";
import type { SupportAlertTable } from "./tables.ts";

const toAlert = (row: Selectable<SupportAlertTable>): SupportAlert => ({
  ticketId: Number(row.ticket_id),
  metric: row.metric,
  breachAt: new Date(row.breach_at),
  rep: row.rep_email,
  as: row.alerted_as === "owner" ? "owner" : "triage",
  alertedAt: new Date(row.alerted_at),
  takenAt: row.taken_at ? new Date(row.taken_at) : null,
  takenBy: row.taken_by,
  outcome: (row.outcome as AlertOutcome | null) ?? null,
  settledAt: row.settled_at ? new Date(row.settled_at) : null,
});

/** Well under either database's parameter limit. */
const BATCH = 500;

export function supportAlertStore(db: Db): SupportAlertStore {
  const { k } = db;
  return {
    recordSupportAlert: (alert, message) =>
      db
        .transaction(async (t) => {
          const result = await t.k
            .insertInto("support_alerts")
            .values({
              ticket_id: alert.ticketId,
              metric: alert.metric,
              breach_at: alert.breachAt.toISOString(),
              rep_email: alert.rep,
              alerted_as: alert.as,
              alerted_at: alert.alertedAt.toISOString(),
            })
            .onConflict((conflict) => conflict.doNothing())
            .executeTakeFirst();
          if (result.numInsertedOrUpdatedRows !== 1n) return false;
          // A key queued before (by hand, or a row lost) must not send a second DM: undo the alert too.
          if (!(await enqueueIn(t, message, alert.alertedAt))) throw new AlreadyQueued();
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof AlreadyQueued) return false;
          throw error;
        }),
    supportAlertsOf: async (ticketIds) => {
      const alerts: SupportAlert[] = [];
      const ids = [...new Set(ticketIds)];
      for (let at = 0; at < ids.length; at += BATCH) {
        const rows = await k
          .selectFrom("support_alerts")
          .selectAll()
          .where("ticket_id", "in", ids.slice(at, at + BATCH))
          .execute();
        alerts.push(...rows.map(toAlert));
      }
      return alerts.sort((a, b) => a.ticketId - b.ticketId || a.metric.localeCompare(b.metric));
    },
    supportAlertsSince: async (since) =>
      (
        await k
          .selectFrom("support_alerts")
          .selectAll()
          .where("alerted_at", ">=", since.toISOString())
          .orderBy("alerted_at")
          .execute()
      ).map(toAlert),
    openSupportAlerts: async () =>
      (
        await k
          .selectFrom("support_alerts")
          .selectAll()
          .where("outcome", "is", null)
          .orderBy("ticket_id")
          .orderBy("metric")
          .execute()
      ).map(toAlert),
    getSupportAlert: async (ticketId, metric) => {
      const row = await k
        .selectFrom("support_alerts")
        .selectAll()
        .where("ticket_id", "=", ticketId)
        .where("metric", "=", metric)
        .executeTakeFirst();
      return row ? toAlert(row) : null;
    },
    markSupportAlertTaken: async (ticketId, metric, rep, at) => {
      await k
        .updateTable("support_alerts")
        .set({ taken_at: at.toISOString(), taken_by: rep })
        .where("ticket_id", "=", ticketId)
        .where("metric", "=", metric)
        .where("taken_at", "is", null)
        .execute();
    },
    settleSupportAlert: async (ticketId, metric, outcome, at) => {
      await k
        .updateTable("support_alerts")
        .set({ outcome, settled_at: at.toISOString() })
        .where("ticket_id", "=", ticketId)
        .where("metric", "=", metric)
        .where("outcome", "is", null)
        .execute();
    },
    supportAlertTally: async (from, to) => {
      const row = await k
        .selectFrom("support_alerts")
        .select((eb) => [
          // An alert whose DM was never posted was not sent.
          eb.fn.sum<number>(eb.case().when("outcome", "=", "unsent").then(0).else(1).end()).as("sent"),
          eb.fn.count<number>("taken_at").as("taken"),
          eb.fn.sum<number>(eb.case().when("outcome", "=", "breached").then(1).else(0).end()).as("breached"),
          eb.fn.sum<number>(eb.case().when("outcome", "=", "met").then(1).else(0).end()).as("met"),
        ])
        .where("alerted_at", ">=", from.toISOString())
        .where("alerted_at", "<", to.toISOString())
        .executeTakeFirst();
      return {
        sent: Number(row?.sent ?? 0),
        taken: Number(row?.taken ?? 0),
        breached: Number(row?.breached ?? 0),
        met: Number(row?.met ?? 0),
      };
    },
  };
}

/** Rolls the alert back when its DM's key was queued before. */
class AlreadyQueued extends Error {
  readonly code = "ALREADY_QUEUED";
}
