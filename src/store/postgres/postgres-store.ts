// The PostgreSQL store (DATABASE_URL=postgres://…) for several replicas on one database: the same
// migrations and behaviour as SQLite; claims and leases are safe under concurrent replicas.
import pg from "pg";
import type { GiveBackProject, GiveBackStatus, PlannedTrip, TripNotes } from "../../domain/rituals.ts";
import { StoreError } from "../../errors.ts";
import type { Logger } from "../../logging.ts";
import type { HistoryStore } from "../history-store.ts";
import { MIGRATIONS } from "../migrations/index.ts";
import type { MessagePayload, NewOutboxMessage, OutboxMessage, OutboxStats } from "../outbox.ts";
import type { Pause, SlackLink } from "../quiet-store.ts";
import type { ReportsStore } from "../reports-store.ts";
import type { RosterStore } from "../roster-store.ts";
import type { DigestClaim, MigrationReport, SlackUserRecord, Snooze, Store } from "../store.ts";
import * as directory from "./pg-directory.ts";
import { pgHistoryStore } from "./pg-history.ts";
import * as ledger from "./pg-ledger.ts";
import * as outbox from "./pg-outbox.ts";
import * as quiet from "./pg-quiet.ts";
import { pgReportsStore } from "./pg-reports.ts";
import * as rituals from "./pg-rituals.ts";
import { pgRosterStore } from "./pg-roster.ts";
import { inTransaction } from "./pg-transaction.ts";

/** Any constant: the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK = 7_262_771;

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  /** host:port/database, without credentials, for messages. */
  readonly where: string;

  private readonly logger: Logger | undefined;
  readonly history: HistoryStore;
  readonly reports: ReportsStore;
  readonly roster: RosterStore;

  constructor(url: string, logger?: Logger) {
    this.logger = logger;
    const parsed = new URL(url);
    this.where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
    this.pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A connection dropped while idle (the server restarted) is replaced on next use; log, don't crash.
    this.pool.on("error", (error) =>
      logger?.warn({ err: error.message }, "postgres connection lost; it will reconnect"),
    );
    this.history = pgHistoryStore(this.pool, (work) => this.transaction(work));
    this.reports = pgReportsStore(this.pool);
    this.roster = pgRosterStore(this.pool, (work) => this.transaction(work));
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, { where: this.where, logger: this.logger }, work);
  }

  async migrate(): Promise<MigrationReport> {
    const applied: string[] = [];
    try {
      await this.pool.query("SELECT 1");
    } catch (error) {
      throw new StoreError(
        `Cannot reach PostgreSQL at ${this.where} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check DATABASE_URL and that the server is up.`,
        { cause: error },
      );
    }
    await this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      const done = new Set(
        (await client.query<{ id: number }>("SELECT id FROM schema_migrations")).rows.map((row) => row.id),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.id)) continue;
        await client.query(migration.sql);
        if (migration.postgresOnly) await client.query(migration.postgresOnly);
        await client.query("INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)", [
          migration.id,
          migration.name,
          new Date().toISOString(),
        ]);
        applied.push(`${migration.id}-${migration.name}`);
      }
    });
    return { applied, current: MIGRATIONS.map((migration) => `${migration.id}-${migration.name}`) };
  }

  claimDigest(claim: DigestClaim, message?: NewOutboxMessage): Promise<boolean> {
    return this.transaction(async (client) => {
      const result = await client.query(
        `INSERT INTO digest_ledger (rep_email, local_date, finding_count, claimed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [claim.rep, claim.localDate, claim.findingCount, claim.claimedAt.toISOString()],
      );
      if (result.rowCount !== 1) return false;
      if (message) await outbox.enqueue(client, message, claim.claimedAt);
      return true;
    });
  }

  listDigestClaims(localDate: string): Promise<DigestClaim[]> {
    return ledger.listDigestClaims(this.pool, localDate);
  }

  snooze(snooze: Snooze): Promise<void> {
    return ledger.snooze(this.pool, snooze);
  }

  activeSnoozes(rep: string, today: string): Promise<Snooze[]> {
    return ledger.activeSnoozes(this.pool, rep, today);
  }

  enqueue(message: NewOutboxMessage, now: Date): Promise<boolean> {
    // In a transaction, as enqueue needs: it may take back the row it inserted (a key purged meanwhile).
    return this.transaction((client) => outbox.enqueue(client, message, now));
  }

  leaseDueMessages(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    return outbox.leaseDue(this.pool, owner, now, leaseMs, limit);
  }

  markSent(key: string, owner: string, result: { channel: string; ts: string }, now: Date): Promise<void> {
    return outbox.markSent(this.pool, key, owner, result, now);
  }

  markRetry(
    key: string,
    owner: string,
    nextAttemptAt: Date,
    error: string,
    uncertain: boolean,
  ): Promise<void> {
    return outbox.markRetry(this.pool, key, owner, nextAttemptAt, error, uncertain);
  }

  renewMessageLease(key: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    return outbox.renewLease(this.pool, key, owner, now, leaseMs);
  }

  purgeSent(before: Date, limit: number): Promise<number> {
    return outbox.purgeSent(this.pool, before, limit);
  }

  markFailed(key: string, owner: string, error: string): Promise<void> {
    return outbox.markFailed(this.pool, key, owner, error);
  }

  getMessage(key: string): Promise<OutboxMessage | null> {
    return outbox.getMessage(this.pool, key);
  }

  findSentMessage(channel: string, ts: string): Promise<OutboxMessage | null> {
    return outbox.findSent(this.pool, channel, ts);
  }

  updateSentPayload(key: string, payload: MessagePayload): Promise<void> {
    return outbox.updatePayload(this.pool, key, payload);
  }

  outboxStats(now: Date): Promise<OutboxStats> {
    return outbox.stats(this.pool, now);
  }

  queuedKeys(prefix: string): Promise<Set<string>> {
    return outbox.queuedKeys(this.pool, prefix);
  }

  getSlackUsers(emails: string[]): Promise<SlackUserRecord[]> {
    return directory.getSlackUsers(this.pool, emails);
  }

  findSlackUserById(userId: string): Promise<SlackUserRecord | null> {
    return directory.findSlackUserById(this.pool, userId);
  }

  async saveSlackUsers(records: SlackUserRecord[]): Promise<void> {
    if (records.length > 0) await this.transaction((client) => directory.saveSlackUsers(client, records));
  }

  savePlannedTrip(trip: PlannedTrip): Promise<void> {
    return rituals.savePlannedTrip(this.pool, trip);
  }

  getPlannedTrip(id: string): Promise<PlannedTrip | null> {
    return rituals.getPlannedTrip(this.pool, id);
  }

  listPlannedTrips(rep?: string): Promise<PlannedTrip[]> {
    return rituals.listPlannedTrips(this.pool, rep);
  }

  listAllPlannedTrips(): Promise<PlannedTrip[]> {
    return rituals.listAllPlannedTrips(this.pool);
  }

  saveTripNotes(notes: TripNotes, messages: NewOutboxMessage[]): Promise<void> {
    return this.transaction((client) => rituals.saveTripNotes(client, notes, messages));
  }

  listTripNotes(rep?: string): Promise<TripNotes[]> {
    return rituals.listTripNotes(this.pool, rep);
  }

  claimTripReminder(
    tripId: string,
    localDate: string,
    max: number,
    message: NewOutboxMessage,
    now: Date,
  ): Promise<boolean> {
    return this.transaction((client) =>
      rituals.claimTripReminder(client, tripId, localDate, max, message, now),
    );
  }

  saveGiveBack(project: GiveBackProject, messages: NewOutboxMessage[]): Promise<void> {
    return this.transaction((client) => rituals.saveGiveBack(client, project, messages));
  }

  getGiveBack(id: string): Promise<GiveBackProject | null> {
    return rituals.getGiveBack(this.pool, id);
  }

  listGiveBacks(): Promise<GiveBackProject[]> {
    return rituals.listGiveBacks(this.pool);
  }

  setGiveBackStatus(id: string, status: GiveBackStatus, now: Date): Promise<void> {
    return rituals.setGiveBackStatus(this.pool, id, status, now);
  }

  answerCheckIn(projectId: string, rep: string, month: string, used: boolean, now: Date): Promise<boolean> {
    return rituals.answerCheckIn(this.pool, projectId, rep, month, used, now);
  }

  adoptionYes(month: string): Promise<Map<string, number>> {
    return rituals.adoptionYes(this.pool, month);
  }

  async getSetting(key: string): Promise<string | null> {
    const result = await this.pool.query<{ value: string }>("SELECT value FROM settings WHERE key = $1", [
      key,
    ]);
    return result.rows[0]?.value ?? null;
  }

  async setSetting(key: string, value: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, value, now.toISOString()],
    );
  }

  savePause(pause: Pause): Promise<void> {
    return quiet.savePause(this.pool, pause);
  }

  deletePause(rep: string): Promise<boolean> {
    return quiet.deletePause(this.pool, rep);
  }

  listPauses(from: string): Promise<Pause[]> {
    return quiet.listPauses(this.pool, from);
  }

  saveSlackLink(link: SlackLink): Promise<void> {
    return quiet.saveSlackLink(this.pool, link);
  }

  listSlackLinks(): Promise<SlackLink[]> {
    return quiet.listSlackLinks(this.pool);
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE job_leases.holder = excluded.holder OR job_leases.expires_at < $4`,
      [name, holder, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString()],
    );
    return result.rowCount === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query("DELETE FROM job_leases WHERE name = $1 AND holder = $2", [name, holder]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
