// The embedded store: one SQLite file through better-sqlite3 (WAL, so readers never block the writer).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { RuleId } from "../../domain/findings.ts";
import { StoreError } from "../../errors.ts";
import { MIGRATIONS } from "../migrations/index.ts";
import type { DigestClaim, MigrationReport, Snooze, Store } from "../store.ts";

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  constructor(file: string) {
    try {
      if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("busy_timeout = 5000");
    } catch (error) {
      throw new StoreError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async migrate(): Promise<MigrationReport> {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const applied: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const run = this.db.transaction(() => {
      const done = new Set(
        (this.db.prepare("SELECT id FROM schema_migrations").all() as { id: number }[]).map((row) => row.id),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.id)) continue;
        this.db.exec(migration.sql);
        this.db
          .prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)")
          .run(migration.id, migration.name, new Date().toISOString());
        applied.push(`${migration.id}-${migration.name}`);
      }
    });
    run.immediate();
    return { applied, current: MIGRATIONS.map((migration) => `${migration.id}-${migration.name}`) };
  }

  async claimDigest(claim: DigestClaim): Promise<boolean> {
    const result = this.db
      .prepare(
        "INSERT INTO digest_ledger (rep_email, local_date, finding_count, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .run(claim.rep, claim.localDate, claim.findingCount, claim.claimedAt.toISOString());
    return result.changes === 1;
  }

  async listDigestClaims(localDate: string): Promise<DigestClaim[]> {
    const rows = this.db
      .prepare(
        "SELECT rep_email, local_date, finding_count, claimed_at FROM digest_ledger WHERE local_date = ? ORDER BY rep_email",
      )
      .all(localDate) as {
      rep_email: string;
      local_date: string;
      finding_count: number;
      claimed_at: string;
    }[];
    return rows.map((row) => ({
      rep: row.rep_email,
      localDate: row.local_date,
      findingCount: row.finding_count,
      claimedAt: new Date(row.claimed_at),
    }));
  }

  async snooze(snooze: Snooze): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO snoozes (rep_email, rule, record_id, until_date) VALUES (?, ?, ?, ?)
         ON CONFLICT (rep_email, rule, record_id) DO UPDATE SET until_date = excluded.until_date`,
      )
      .run(snooze.rep, snooze.rule, snooze.recordId, snooze.until);
  }

  async activeSnoozes(rep: string, today: string): Promise<Snooze[]> {
    const rows = this.db
      .prepare("SELECT rule, record_id, until_date FROM snoozes WHERE rep_email = ? AND until_date >= ?")
      .all(rep, today) as { rule: RuleId; record_id: string; until_date: string }[];
    return rows.map((row) => ({ rep, rule: row.rule, recordId: row.record_id, until: row.until_date }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
