// The reps as the CRM last said, in PostgreSQL: replaced whole in one transaction, as arrays.
import type pg from "pg";
import { type RosterRow, type RosterStore, toRoster, toRows } from "../roster-store.ts";

export function pgRosterStore(
  pool: pg.Pool,
  transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
): RosterStore {
  return {
    saveRoster: (roster) => {
      const rows = toRows(roster);
      return transaction(async (client) => {
        await client.query("DELETE FROM crm_reps");
        await client.query(
          `INSERT INTO crm_reps (email, rep, read_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
          [rows.map((row) => row.email), rows.map((row) => row.rep), rows.map((row) => row.read_at)],
        );
      });
    },
    lastRoster: async () =>
      toRoster((await pool.query<RosterRow>("SELECT email, rep, read_at FROM crm_reps ORDER BY email")).rows),
  };
}
