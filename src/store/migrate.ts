// Brings a database up to date: each migration not applied yet, in order, once, in one transaction
// that other processes starting together wait for. Applied migrations are recorded in
// schema_migrations by id, as they always were, so existing databases upgrade as they are.
import { sql } from "kysely";
import type { Db } from "./db.ts";
import { MIGRATIONS } from "./migrations/index.ts";

export interface MigrationReport {
  applied: string[];
  current: string[];
}

export async function migrate(db: Db): Promise<MigrationReport> {
  const applied: string[] = [];
  await db.transaction(async (t) => {
    const lock = t.dialect.lockMigrations();
    if (lock) await lock.execute(t.k);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(
      t.k,
    );
    const done = new Set(
      (await t.k.selectFrom("schema_migrations").select("id").execute()).map((row) => row.id),
    );
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      for (const statement of t.dialect.migrationSql(migration)) await sql.raw(statement).execute(t.k);
      await t.k
        .insertInto("schema_migrations")
        .values({ id: migration.id, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(`${migration.id}-${migration.name}`);
    }
  });
  return { applied, current: MIGRATIONS.map((migration) => `${migration.id}-${migration.name}`) };
}
