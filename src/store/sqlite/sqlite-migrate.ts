// Brings an SQLite database up to date: each migration not applied yet, in order, once.
import type Database from "better-sqlite3";
import { MIGRATIONS } from "../migrations/index.ts";
import type { MigrationReport } from "../store.ts";

export function migrateSqlite(db: Database.Database): MigrationReport {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const applied: string[] = [];
  // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
  const run = db.transaction(() => {
    const done = new Set(
      (db.prepare("SELECT id FROM schema_migrations").all() as { id: number }[]).map((row) => row.id),
    );
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)").run(
        migration.id,
        migration.name,
        new Date().toISOString(),
      );
      applied.push(`${migration.id}-${migration.name}`);
    }
  });
  run.immediate();
  return { applied, current: MIGRATIONS.map((migration) => `${migration.id}-${migration.name}`) };
}
