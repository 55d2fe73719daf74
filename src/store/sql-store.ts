// The store: one implementation over Kysely, on an SQLite file or a PostgreSQL database.
import { sql } from "kysely";
import type { Logger } from "../logging.ts";
import { type Db, openPostgres, openSqlite, reachable } from "./db.ts";
import { forwardsStore } from "./forwards-sql.ts";
import { historyStore } from "./history-sql.ts";
import { ledgerStore } from "./ledger-sql.ts";
import { migrate } from "./migrate.ts";
import { outboxStore } from "./outbox-sql.ts";
import { quietStore, rosterStore } from "./quiet-sql.ts";
import { reportsStore } from "./reports-sql.ts";
import { ritualsStore } from "./rituals-sql.ts";
import type { Store } from "./store.ts";
import { supportAlertStore } from "./support-alerts-sql.ts";

export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** The store and the database under it (for tests and benchmarks that read its SQL). */
export type SqlStore = Store & { readonly db: Db };

/** A store on `target`, not yet migrated. */
export function openStore(target: DatabaseTarget, logger?: Logger): SqlStore {
  const db = target.kind === "sqlite" ? openSqlite(target.file) : openPostgres(target.url, logger);
  return {
    db,
    ...ledgerStore(db),
    ...outboxStore(db),
    ...ritualsStore(db),
    ...quietStore(db),
    ...forwardsStore(db),
    ...supportAlertStore(db),
    history: historyStore(db),
    reports: reportsStore(db),
    roster: rosterStore(db),
    migrate: async () => {
      // A clear message when PostgreSQL cannot be reached at all, before anything else is tried.
      if (db.dialect.name === "postgres") await reachable(db);
      return migrate(db);
    },
    ping: async () => {
      await sql`SELECT 1`.execute(db.k);
    },
    close: () => db.close(),
  };
}
