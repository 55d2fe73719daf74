// The store's own queries on a connection a test holds itself (a transaction left open, a replica
// that does not wait for locks): Kysely over that very connection, never closing it.
import type Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type pg from "pg";
import { postgresDialect, sqliteDialect } from "../../src/store/dialect.ts";
import type { Tables } from "../../src/store/tables.ts";

export function overSqlite(handle: Database.Database) {
  return {
    k: new Kysely<Tables>({ dialect: new SqliteDialect({ database: handle }) }),
    dialect: sqliteDialect,
  };
}

export function overPostgres(client: pg.Client) {
  const pool = {
    connect: async () => ({
      query: (text: string, values: unknown[]) => client.query(text, values),
      release: () => {},
    }),
    end: async () => {},
  };
  return {
    k: new Kysely<Tables>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) }),
    dialect: postgresDialect,
  };
}
