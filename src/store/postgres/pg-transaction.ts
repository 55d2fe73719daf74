// One PostgreSQL transaction on one pooled connection, surviving the connection being killed under it.
import type pg from "pg";
import { StoreError } from "../../errors.ts";
import type { Logger } from "../../logging.ts";

/** SQLSTATEs of a connection that is gone: admin or crash shutdown, and class 08 (connection exception). */
const CONNECTION_LOST = /^(57P0[123]|08...)$/;

/** Whether `error` means the connection died, rather than the statement being refused. */
function isConnectionLoss(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  if (code && (CONNECTION_LOST.test(code) || code === "ECONNRESET" || code === "EPIPE")) return true;
  return /Connection terminated|not queryable/.test(message ?? "");
}

/**
 * Runs `work` in one transaction on one pooled connection. A connection killed mid-way (failover,
 * restart, pg_terminate_backend) fails the write with a StoreError the caller can retry or report,
 * and is handed back to the pool as broken so the pool discards it instead of reusing it.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  context: { where: string; logger: Logger | undefined },
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // The pool listens for 'error' only on idle clients: a checked-out one needs its own listener,
  // or a dropped connection raises an unhandled 'error' event and ends the process.
  let lost: Error | null = null;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on("error", onError);
  let phase: "work" | "commit" = "work";
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    phase = "commit";
    await client.query("COMMIT");
    return result;
  } catch (error) {
    if (lost || isConnectionLoss(error)) {
      broken = lost ?? (error as Error);
      context.logger?.warn(
        { err: broken.message, phase, where: context.where },
        "postgres connection lost mid-transaction; the write failed",
      );
      throw new StoreError(
        phase === "commit"
          ? `Lost the connection to PostgreSQL at ${context.where} while committing a write; it may or may not have been saved. Try again.`
          : `Lost the connection to PostgreSQL at ${context.where} mid-write; nothing of it was saved. Try again.`,
        { cause: error },
      );
    }
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    // With an error, the pool closes this connection rather than lend it out again.
    client.release(broken ?? lost ?? undefined);
    client.removeListener("error", onError);
  }
}
