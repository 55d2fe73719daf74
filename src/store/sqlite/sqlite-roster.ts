// The reps as the CRM last said, in SQLite.
import type Database from "better-sqlite3";
import { type RosterRow, type RosterStore, toRoster, toRows } from "../roster-store.ts";

export function sqliteRosterStore(db: Database.Database): RosterStore {
  const replace = db.transaction((rows: RosterRow[]) => {
    db.prepare("DELETE FROM crm_reps").run();
    const insert = db.prepare("INSERT INTO crm_reps (email, rep, read_at) VALUES (?, ?, ?)");
    for (const row of rows) insert.run(row.email, row.rep, row.read_at);
  });
  return {
    saveRoster: async (roster) => void replace.immediate(toRows(roster)),
    lastRoster: async () =>
      toRoster(db.prepare("SELECT email, rep, read_at FROM crm_reps ORDER BY email").all() as RosterRow[]),
  };
}
