// One Kysely handle over SQLite (better-sqlite3) or PostgreSQL (pg), and the transactions the store
// runs on it. What differs in SQL between the two lives in dialect.ts; this file is about
// connections: SQLite's one file handle, PostgreSQL's pool and what happens when a connection dies.
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { StoreError } from "../errors.ts";
import type { Logger } from "../logging.ts";
import { type Dialect, postgresDialect, sqliteDialect } from "./dialect.ts";
import { createPrivately, narrowSidecars } from "./private-file.ts";
import type { Tables } from "./tables.ts";

export interface Db {
  readonly k: Kysely<Tables>;
  readonly dialect: Dialect;
  /** host:port/database for PostgreSQL (no credentials), the file for SQLite: for messages. */
  readonly where: string;
  /**
   * Runs `work` in one transaction on one connection. On SQLite it takes the write lock at BEGIN
   * (IMMEDIATE), so two writers queue on busy_timeout instead of deadlocking on a lock upgrade.
   */
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function bound(db: Db, k: Kysely<Tables>): Db {
  return { ...db, k, transaction: (work) => work({ ...db, k }) };
}

/**
 * The open SQLite files of this process, one handle each, shared by every store opened on the file.
 * better-sqlite3 blocks the thread while it waits for a lock: were a second handle in this process
 * to wait for the write lock that an unfinished transaction of the first holds, that transaction
 * could never go on. One handle, lent to one caller at a time, makes them queue instead.
 */
const files = new Map<string, { handle: Database.Database; k: Kysely<Tables>; users: number }>();

function openHandle(file: string): Database.Database {
  try {
    if (file !== ":memory:") createPrivately(file);
    const handle = new Database(file);
    handle.pragma("journal_mode = WAL");
    // SQLite gives -wal and -shm the main file's mode when it creates them; ones left by an older
    // version (0644) are narrowed here.
    if (file !== ":memory:") narrowSidecars(file);
    handle.pragma("busy_timeout = 5000");
    return handle;
  } catch (error) {
    throw new StoreError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export function openSqlite(file: string): Db {
  const key = file === ":memory:" ? Symbol(file) : resolve(file);
  let open = typeof key === "string" ? files.get(key) : undefined;
  if (!open) {
    const handle = openHandle(file);
    // Kysely's driver lends the handle to one caller at a time, so a transaction below holds it from
    // BEGIN IMMEDIATE to COMMIT and nothing else of this process slips in between.
    open = { handle, k: new Kysely<Tables>({ dialect: new SqliteDialect({ database: handle }) }), users: 0 };
    if (typeof key === "string") files.set(key, open);
  }
  open.users += 1;
  const { handle, k } = open;
  let closed = false;
  const db: Db = {
    k,
    dialect: sqliteDialect,
    where: file,
    transaction: (work) =>
      k.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const result = await work(bound(db, conn));
          await sql`COMMIT`.execute(conn);
          return result;
        } catch (error) {
          if (handle.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw error;
        }
      }),
    close: async () => {
      if (closed || !open) return;
      closed = true;
      open.users -= 1;
      if (open.users > 0) return;
      if (typeof key === "string") files.delete(key);
      await k.destroy();
    },
  };
  return db;
}

/** SQLSTATEs of a connection that is gone: admin or crash shutdown, and class 08 (connection exception). */
const CONNECTION_LOST = /^(57P0[123]|08...)$/;

function isConnectionLoss(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  if (code && (CONNECTION_LOST.test(code) || code === "ECONNRESET" || code === "EPIPE")) return true;
  return /Connection terminated|not queryable/.test(message ?? "");
}

/** Where a query was when its connection died: the message says whether the write may have landed. */
type Phase = "query" | "work" | "commit";

const LOST: Record<Phase, string> = {
  query: "; the operation failed. Try again.",
  work: " mid-write; nothing of it was saved. Try again.",
  commit: " while committing a write; it may or may not have been saved. Try again.",
};

/** The errors raised for a lost connection, so a transaction can say in which phase it was lost. */
const lostErrors = new WeakSet<Error>();

export function openPostgres(url: string, logger?: Logger): Db {
  const parsed = new URL(url);
  const where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // COUNT(*) is a 64-bit int8, which pg hands over as a string: read it as a number, once, here.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === pg.types.builtins.INT8
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A connection dropped while idle (the server restarted) is replaced on next use; log, don't crash.
  pool.on("error", (error) =>
    logger?.warn({ err: error.message }, "postgres connection lost; it will reconnect"),
  );
  const lostError = (error: unknown, phase: Phase) => {
    if (phase !== "query")
      logger?.warn(
        { err: (error as Error).message, phase, where },
        "postgres connection lost mid-transaction",
      );
    const lost = new StoreError(`Lost the connection to PostgreSQL at ${where}${LOST[phase]}`, {
      cause: error,
    });
    lostErrors.add(lost);
    return lost;
  };
  // Each checked-out connection gets an 'error' listener (the pool only listens on idle ones, and
  // an unheard 'error' ends the process), turns a lost connection into a StoreError for the
  // operation that was using it, and goes back to the pool as broken so it is never lent again.
  const guarded = {
    connect: async () => {
      const client = await pool.connect();
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on("error", onError);
      return {
        query: async (text: string, values: unknown[]) => {
          try {
            return await client.query(text, values);
          } catch (error) {
            if (!lost && !isConnectionLoss(error)) throw error;
            lost ??= error as Error;
            throw lostError(error, "query");
          }
        },
        release: () => {
          client.removeListener("error", onError);
          client.release(lost);
        },
      };
    },
    end: () => pool.end(),
  };
  const k = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: guarded as unknown as pg.Pool }) });
  const db: Db = {
    k,
    dialect: postgresDialect,
    where,
    transaction: (work) =>
      k.connection().execute(async (conn) => {
        let phase: Phase = "work";
        try {
          await sql`BEGIN`.execute(conn);
          const result = await work(bound(db, conn));
          phase = "commit";
          await sql`COMMIT`.execute(conn);
          return result;
        } catch (error) {
          if (lostErrors.has(error as Error)) throw lostError((error as Error).cause, phase);
          await sql`ROLLBACK`.execute(conn).catch(() => {});
          throw error;
        }
      }),
    close: () => k.destroy(),
  };
  return db;
}

/** A clear error when PostgreSQL cannot be reached at all (bad DATABASE_URL, server down). */
export async function reachable(db: Db): Promise<void> {
  try {
    await sql`SELECT 1`.execute(db.k);
  } catch (error) {
    const cause = (error as StoreError).cause ?? error;
    throw new StoreError(
      `Cannot reach PostgreSQL at ${db.where} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}): check DATABASE_URL and that the server is up.`,
      { cause: error },
    );
  }
}
