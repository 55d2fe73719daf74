// The stores a contract test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set; each
// a fresh migrated database, closed and dropped after the test.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { openStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "./postgres.ts";

export interface Backend {
  name: string;
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: "SQLite",
    open: async () => ({
      store: openStore({
        kind: "sqlite",
        file: join(mkdtempSync(join(tmpdir(), "nudgebot-history-")), "store.db"),
      }),
      cleanup: async () => {},
    }),
  },
];
if (POSTGRES_URL) {
  backends.push({
    name: "PostgreSQL",
    open: async () => {
      const database = await freshPostgresDatabase();
      return { store: openStore({ kind: "postgres", url: database.url }), cleanup: database.drop };
    },
  });
}

/** Inside a describe block: a function that gives a fresh migrated store of `backend`. */
export function freshStores(backend: Backend): () => Promise<Store> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return async () => {
    const { store, cleanup } = await backend.open();
    await store.migrate();
    cleanups.push(async () => {
      await store.close();
      await cleanup();
    });
    return store;
  };
}
