import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { openStore, type SqlStore } from "../../src/store/sql-store.ts";

const ALL = MIGRATIONS.map((migration) => `${migration.id}-${migration.name}`);

const stores: SqlStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(file: string): Promise<SqlStore> {
  const store = openStore({ kind: "sqlite", file: file });
  stores.push(store);
  await store.migrate();
  return store;
}

const dbFile = () => join(mkdtempSync(join(tmpdir(), "nudgebot-db-")), "nested", "nudgebot.db");
const claim = (rep: string, localDate: string) => ({
  rep,
  localDate,
  findingCount: 3,
  claimedAt: new Date("2026-03-10T15:00:00Z"),
});

describe("the SQLite store", () => {
  it("applies migrations once, even when opened again", async () => {
    const file = dbFile();
    const first = openStore({ kind: "sqlite", file: file });
    stores.push(first);
    expect((await first.migrate()).applied).toEqual(ALL);
    const second = openStore({ kind: "sqlite", file: file });
    stores.push(second);
    expect(await second.migrate()).toEqual({
      applied: [],
      current: ALL,
    });
  });

  it("lets one caller claim a rep's digest for a local date, across two connections to one file", async () => {
    const file = dbFile();
    const a = await open(file);
    const b = await open(file);
    expect(await a.claimDigest(claim("ava@example.com", "2026-03-10"))).toBe(true);
    expect(await b.claimDigest(claim("ava@example.com", "2026-03-10"))).toBe(false);
    expect(await b.claimDigest(claim("ava@example.com", "2026-03-11"))).toBe(true);
    expect((await a.listDigestClaims("2026-03-10")).map((row) => row.rep)).toEqual(["ava@example.com"]);
  });

  it("keeps claims across a restart", async () => {
    const file = dbFile();
    const before = await open(file);
    await before.claimDigest(claim("ava@example.com", "2026-03-10"));
    await before.close();
    stores.splice(stores.indexOf(before), 1);
    const after = await open(file);
    expect(await after.claimDigest(claim("ava@example.com", "2026-03-10"))).toBe(false);
  });

  it("keeps a snooze in force through its last day, and a new snooze replaces the old", async () => {
    const store = await open(dbFile());
    await store.snooze({
      rep: "ava@example.com",
      rule: "deck-missing",
      recordId: "006A",
      until: "2026-03-12",
    });
    expect(await store.activeSnoozes("ava@example.com", "2026-03-12")).toHaveLength(1);
    expect(await store.activeSnoozes("ava@example.com", "2026-03-13")).toEqual([]);
    expect(await store.activeSnoozes("bo@example.com", "2026-03-10")).toEqual([]);
    await store.snooze({
      rep: "ava@example.com",
      rule: "deck-missing",
      recordId: "006A",
      until: "2026-03-20",
    });
    expect(await store.activeSnoozes("ava@example.com", "2026-03-15")).toEqual([
      { rep: "ava@example.com", rule: "deck-missing", recordId: "006A", until: "2026-03-20" },
    ]);
  });

  it("keeps the database private: 0600 file, -wal and -shm, in a 0700 folder it creates", async () => {
    const root = mkdtempSync(join(tmpdir(), "nudgebot-db-"));
    const file = join(root, "data", "nested", "nudgebot.db");
    const store = await open(file);
    await store.setSetting("k", "v", new Date("2026-03-10T15:00:00Z"));
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(join(root, "data"))).toBe(0o700);
    expect(mode(join(root, "data", "nested"))).toBe(0o700);
    expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
  });

  it("leaves a folder the admin chose as it is, and narrows an existing world-readable file", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "nudgebot-db-")), "shared");
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const file = join(folder, "nudgebot.db");
    writeFileSync(file, "");
    chmodSync(file, 0o644);
    await open(file);
    expect(statSync(folder).mode & 0o777).toBe(0o755);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
