// The embedded store: one SQLite file through better-sqlite3 (WAL, so readers never block the writer).
import Database from "better-sqlite3";
import type { RuleId } from "../../domain/findings.ts";
import type { GiveBackProject, GiveBackStatus, PlannedTrip, TripNotes } from "../../domain/rituals.ts";
import { StoreError } from "../../errors.ts";
import type { HistoryStore } from "../history-store.ts";
import type { MessagePayload, NewOutboxMessage, OutboxMessage, OutboxStats } from "../outbox.ts";
import type { Pause, SlackLink } from "../quiet-store.ts";
import type { ReportsStore } from "../reports-store.ts";
import type { RosterStore } from "../roster-store.ts";
import type { DigestClaim, MigrationReport, SlackUserRecord, Snooze, Store } from "../store.ts";
import { createPrivately, narrowSidecars } from "./private-file.ts";
import * as directory from "./sqlite-directory.ts";
import { sqliteHistoryStore } from "./sqlite-history.ts";
import { migrateSqlite } from "./sqlite-migrate.ts";
import { SqliteOutbox } from "./sqlite-outbox.ts";
import { SqliteQuiet } from "./sqlite-quiet.ts";
import { sqliteReportsStore } from "./sqlite-reports.ts";
import { SqliteRituals } from "./sqlite-rituals.ts";
import { sqliteRosterStore } from "./sqlite-roster.ts";

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly outbox: SqliteOutbox;
  private readonly rituals: SqliteRituals;
  private readonly quiet: SqliteQuiet;
  readonly history: HistoryStore;
  readonly reports: ReportsStore;
  readonly roster: RosterStore;

  constructor(file: string) {
    try {
      if (file !== ":memory:") createPrivately(file);
      this.db = new Database(file);
      this.db.pragma("journal_mode = WAL");
      // SQLite gives -wal and -shm the main file's mode when it creates them; ones left by an
      // older version (0644) are narrowed here.
      if (file !== ":memory:") narrowSidecars(file);
      this.db.pragma("busy_timeout = 5000");
    } catch (error) {
      throw new StoreError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.outbox = new SqliteOutbox(this.db);
    this.rituals = new SqliteRituals(this.db, this.outbox);
    this.quiet = new SqliteQuiet(this.db);
    this.history = sqliteHistoryStore(this.db);
    this.reports = sqliteReportsStore(this.db);
    this.roster = sqliteRosterStore(this.db);
  }

  async migrate(): Promise<MigrationReport> {
    return migrateSqlite(this.db);
  }

  async claimDigest(claim: DigestClaim, message?: NewOutboxMessage): Promise<boolean> {
    const claimAndQueue = this.db.transaction(() => {
      const result = this.db
        .prepare(
          "INSERT INTO digest_ledger (rep_email, local_date, finding_count, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .run(claim.rep, claim.localDate, claim.findingCount, claim.claimedAt.toISOString());
      if (result.changes !== 1) return false;
      if (message) this.outbox.enqueue(message, claim.claimedAt);
      return true;
    });
    return claimAndQueue.immediate();
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

  async enqueue(message: NewOutboxMessage, now: Date): Promise<boolean> {
    return this.outbox.enqueue(message, now);
  }

  async leaseDueMessages(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    return this.outbox.leaseDue(owner, now, leaseMs, limit);
  }

  async markSent(
    key: string,
    owner: string,
    result: { channel: string; ts: string },
    now: Date,
  ): Promise<void> {
    this.outbox.markSent(key, owner, result, now);
  }

  async markRetry(
    key: string,
    owner: string,
    nextAttemptAt: Date,
    error: string,
    uncertain: boolean,
  ): Promise<void> {
    this.outbox.markRetry(key, owner, nextAttemptAt, error, uncertain);
  }

  async renewMessageLease(key: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    return this.outbox.renewLease(key, owner, now, leaseMs);
  }

  async purgeSent(before: Date, limit: number): Promise<number> {
    return this.outbox.purgeSent(before, limit);
  }

  async markFailed(key: string, owner: string, error: string): Promise<void> {
    this.outbox.markFailed(key, owner, error);
  }

  async getMessage(key: string): Promise<OutboxMessage | null> {
    return this.outbox.get(key);
  }

  async findSentMessage(channel: string, ts: string): Promise<OutboxMessage | null> {
    return this.outbox.findSent(channel, ts);
  }

  async updateSentPayload(key: string, payload: MessagePayload): Promise<void> {
    this.outbox.updatePayload(key, payload);
  }

  async outboxStats(now: Date): Promise<OutboxStats> {
    return this.outbox.stats(now);
  }

  async getSlackUsers(emails: string[]): Promise<SlackUserRecord[]> {
    return directory.getSlackUsers(this.db, emails);
  }

  async findSlackUserById(userId: string): Promise<SlackUserRecord | null> {
    return directory.findSlackUserById(this.db, userId);
  }

  async saveSlackUsers(records: SlackUserRecord[]): Promise<void> {
    directory.saveSlackUsers(this.db, records);
  }

  async savePlannedTrip(trip: PlannedTrip): Promise<void> {
    this.rituals.savePlannedTrip(trip);
  }

  async getPlannedTrip(id: string): Promise<PlannedTrip | null> {
    return this.rituals.getPlannedTrip(id);
  }

  async listPlannedTrips(rep?: string): Promise<PlannedTrip[]> {
    return this.rituals.listPlannedTrips(rep);
  }

  async listAllPlannedTrips(): Promise<PlannedTrip[]> {
    return this.rituals.listAllPlannedTrips();
  }

  async saveTripNotes(notes: TripNotes, messages: NewOutboxMessage[]): Promise<void> {
    this.rituals.saveTripNotes(notes, messages);
  }

  async listTripNotes(rep?: string): Promise<TripNotes[]> {
    return this.rituals.listTripNotes(rep);
  }

  async claimTripReminder(
    tripId: string,
    localDate: string,
    max: number,
    message: NewOutboxMessage,
    now: Date,
  ): Promise<boolean> {
    return this.rituals.claimTripReminder(tripId, localDate, max, message, now);
  }

  async saveGiveBack(project: GiveBackProject, messages: NewOutboxMessage[]): Promise<void> {
    this.rituals.saveGiveBack(project, messages);
  }

  async getGiveBack(id: string): Promise<GiveBackProject | null> {
    return this.rituals.getGiveBack(id);
  }

  async listGiveBacks(): Promise<GiveBackProject[]> {
    return this.rituals.listGiveBacks();
  }

  async setGiveBackStatus(id: string, status: GiveBackStatus, now: Date): Promise<void> {
    this.rituals.setGiveBackStatus(id, status, now);
  }

  async answerCheckIn(
    projectId: string,
    rep: string,
    month: string,
    used: boolean,
    now: Date,
  ): Promise<boolean> {
    return this.rituals.answerCheckIn(projectId, rep, month, used, now);
  }

  async adoptionYes(month: string): Promise<Map<string, number>> {
    return this.rituals.adoptionYes(month);
  }

  async queuedKeys(prefix: string): Promise<Set<string>> {
    return this.rituals.queuedKeys(prefix);
  }

  async getSetting(key: string): Promise<string | null> {
    return this.rituals.getSetting(key);
  }

  async setSetting(key: string, value: string, now: Date): Promise<void> {
    this.rituals.setSetting(key, value, now);
  }

  async savePause(pause: Pause): Promise<void> {
    this.quiet.savePause(pause);
  }

  async deletePause(rep: string): Promise<boolean> {
    return this.quiet.deletePause(rep);
  }

  async listPauses(from: string): Promise<Pause[]> {
    return this.quiet.listPauses(from);
  }

  async saveSlackLink(link: SlackLink): Promise<void> {
    this.quiet.saveSlackLink(link);
  }

  async listSlackLinks(): Promise<SlackLink[]> {
    return this.quiet.listSlackLinks();
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1").get();
  }

  async acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE job_leases.holder = excluded.holder OR job_leases.expires_at < ?`,
      )
      .run(name, holder, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString());
    return result.changes === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.db.prepare("DELETE FROM job_leases WHERE name = ? AND holder = ?").run(name, holder);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
