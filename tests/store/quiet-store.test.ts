// Pauses and Slack links in both stores (PostgreSQL when TEST_DATABASE_URL names a server): what a
// person set in Slack is kept, seen by every replica, and replaced rather than doubled.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";

const backends: {
  name: string;
  create: () => Promise<{ open: () => Store; cleanup: () => Promise<void> }>;
}[] = [
  {
    name: "SQLite",
    create: async () => {
      const file = join(mkdtempSync(join(tmpdir(), "nudgebot-quiet-")), "store.db");
      return { open: () => openStore({ kind: "sqlite", file: file }), cleanup: async () => {} };
    },
  },
];
if (POSTGRES_URL) {
  backends.push({
    name: "PostgreSQL",
    create: async () => {
      const database = await freshPostgresDatabase();
      return { open: () => openStore({ kind: "postgres", url: database.url }), cleanup: database.drop };
    },
  });
}

const NOW = new Date("2026-03-10T15:00:00Z");

describe.each(backends)("the $name store", (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("keeps pauses across handles, replaces one, ends one, and lists only those still in force", async () => {
    const { open, cleanup } = await backend.create();
    const [a, b] = [open(), open()];
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await cleanup();
    });
    await a.migrate();
    await b.migrate();
    await a.savePause({ rep: "ava@example.com", until: "2026-03-12", pausedBy: "UAVA", createdAt: NOW });
    await a.savePause({ rep: "ken@example.com", until: "2026-03-08", pausedBy: "UKEN", createdAt: NOW });
    await b.savePause({ rep: "ava@example.com", until: "2026-03-20", pausedBy: "UMIA", createdAt: NOW });
    expect(await b.listPauses("2026-03-09")).toEqual([
      { rep: "ava@example.com", until: "2026-03-20", pausedBy: "UMIA", createdAt: NOW },
    ]);
    expect(await a.deletePause("ava@example.com")).toBe(true);
    expect(await b.deletePause("ava@example.com")).toBe(false);
    expect(await b.listPauses("2026-03-09")).toEqual([]);

    await a.saveSlackLink({ crmEmail: "cy@example.com", userId: "UCY1", linkedBy: "UOPS", linkedAt: NOW });
    await b.saveSlackLink({ crmEmail: "cy@example.com", userId: "UCY2", linkedBy: "UOPS", linkedAt: NOW });
    expect(await a.listSlackLinks()).toEqual([
      { crmEmail: "cy@example.com", userId: "UCY2", linkedBy: "UOPS", linkedAt: NOW },
    ]);
  });
});
