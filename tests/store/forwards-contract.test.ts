// Forwarded support tickets in both stores (PostgreSQL when TEST_DATABASE_URL names a server): a
// ticket is recorded once, and shown by exactly one daily digest and one manager digest, even when
// replicas claim at the same moment or a digest is retried.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ForwardedTicket } from "../../src/domain/forwarded-tickets.ts";
import type { MessageWithForwards } from "../../src/store/forwards-store.ts";
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
      const file = join(mkdtempSync(join(tmpdir(), "nudgebot-forwards-")), "store.db");
      return { open: () => openStore({ kind: "sqlite", file }), cleanup: async () => {} };
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

const ticket = (over: Partial<ForwardedTicket> = {}): ForwardedTicket => ({
  // Past 2^31: Zendesk ids outgrow 32 bits.
  ticketId: 4_300_000_001,
  accountId: "001A",
  ownerEmail: "ava@example.com",
  managerEmail: "mia@example.com",
  subject: "Refund for <unused> seats & more",
  tags: ["refund"],
  needsApproval: true,
  foundAt: NOW,
  ...over,
});

/** A digest message that shows which tickets its claim took. */
const digestMessage = (key: string): MessageWithForwards => ({
  key,
  kind: "digest",
  channel: "UAVA",
  payload: (forwards) => ({ text: forwards.map((f) => `#${f.ticketId}`).join(" ") || "none" }),
});

describe.each(backends)("forwarded tickets in the $name store", (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function twoHandles() {
    const { open, cleanup } = await backend.create();
    const [a, b] = [open(), open()];
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await cleanup();
    });
    await a.migrate();
    await b.migrate();
    return [a, b] as const;
  }

  it("records a ticket once, keeping what was first recorded", async () => {
    const [a, b] = await twoHandles();
    expect(await a.recordForwards([ticket(), ticket({ ticketId: 7, needsApproval: false })])).toBe(2);
    expect(await b.recordForwards([ticket({ subject: "changed" }), ticket({ ticketId: 8 })])).toBe(1);
    const stored = await b.listForwards();
    expect(stored.map((f) => [f.ticketId, f.subject])).toEqual([
      [7, "Refund for <unused> seats & more"],
      [8, "Refund for <unused> seats & more"],
      [4_300_000_001, "Refund for <unused> seats & more"],
    ]);
    expect(stored[2]).toMatchObject({ tags: ["refund"], needsApproval: true, foundAt: NOW, digestKey: null });
    expect(await a.repsWithUnshownForwards()).toEqual(new Set(["ava@example.com"]));
    expect(await a.managersWithUnshownApprovals()).toEqual(new Set(["mia@example.com"]));
  });

  it("gives each ticket to the one digest whose claim takes it, never to a later or a retried one", async () => {
    const [a, b] = await twoHandles();
    await a.recordForwards([ticket(), ticket({ ticketId: 7, ownerEmail: "Ken@Example.com" })]);
    const claim = { rep: "ava@example.com", localDate: "2026-03-10", findingCount: 0, claimedAt: NOW };
    // Two replicas build the same digest at once; then one builds the next day's.
    const raced = await Promise.all([
      a.claimDigest(claim, digestMessage("digest:ava@example.com:2026-03-10")),
      b.claimDigest(claim, digestMessage("digest:ava@example.com:2026-03-10")),
    ]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(
      await b.claimDigest(
        { ...claim, localDate: "2026-03-11", findingCount: 3 },
        digestMessage("digest:ava@example.com:2026-03-11"),
      ),
    ).toBe(true);
    expect((await a.getMessage("digest:ava@example.com:2026-03-10"))?.payload.text).toBe("#4300000001");
    expect((await a.getMessage("digest:ava@example.com:2026-03-11"))?.payload.text).toBe("none");
    const [kens, avas] = await a.listForwards();
    expect(avas).toMatchObject({ digestKey: "digest:ava@example.com:2026-03-10", shownOn: "2026-03-10" });
    expect(kens).toMatchObject({ ticketId: 7, ownerEmail: "ken@example.com", digestKey: null });
    expect(await a.repsWithUnshownForwards()).toEqual(new Set(["ken@example.com"]));
  });

  it("claims no digest built for forwarded tickets alone once another digest has shown them", async () => {
    const [a] = await twoHandles();
    await a.recordForwards([ticket()]);
    const claim = { rep: "ava@example.com", localDate: "2026-03-10", findingCount: 0, claimedAt: NOW };
    expect(await a.claimDigest(claim, digestMessage("d:10"))).toBe(true);
    // The next day's digest has nothing to fix and the ticket is gone: no empty digest, no claim.
    expect(await a.claimDigest({ ...claim, localDate: "2026-03-11" }, digestMessage("d:11"))).toBe(false);
    expect(await a.getMessage("d:11")).toBeNull();
    expect(await a.listDigestClaims("2026-03-11")).toEqual([]);
    // With findings it goes out without them.
    const withFindings = { ...claim, localDate: "2026-03-11", findingCount: 2 };
    expect(await a.claimDigest(withFindings, digestMessage("d:11"))).toBe(true);
    expect((await a.getMessage("d:11"))?.payload.text).toBe("none");
  });

  it("leaves the tickets unshown when the digest's key was queued before, so a later digest shows them", async () => {
    const [a] = await twoHandles();
    await a.recordForwards([ticket()]);
    // The day's digest was queued already (a ledger row lost, or queued by hand): it will not go out again.
    await a.enqueue({ key: "d:10", kind: "digest", channel: "UAVA", payload: { text: "earlier" } }, NOW);
    const claim = { rep: "ava@example.com", localDate: "2026-03-10", findingCount: 2, claimedAt: NOW };
    expect(await a.claimDigest(claim, digestMessage("d:10"))).toBe(false);
    expect((await a.getMessage("d:10"))?.payload.text).toBe("earlier");
    expect((await a.listForwards())[0]?.digestKey).toBeNull();
    expect(await a.repsWithUnshownForwards()).toEqual(new Set(["ava@example.com"]));
    expect(await a.claimDigest({ ...claim, localDate: "2026-03-11" }, digestMessage("d:11"))).toBe(true);
    expect((await a.getMessage("d:11"))?.payload.text).toBe("#4300000001");
  });

  it("claims different days' digests of one rep at once without showing a ticket twice", async () => {
    const [a, b] = await twoHandles();
    await a.recordForwards([1, 2, 3, 4, 5].map((id) => ticket({ ticketId: id })));
    const claim = { rep: "ava@example.com", findingCount: 0, claimedAt: NOW };
    await Promise.all([
      a.claimDigest({ ...claim, localDate: "2026-03-10" }, digestMessage("d:10")),
      b.claimDigest({ ...claim, localDate: "2026-03-11" }, digestMessage("d:11")),
    ]);
    const shown = [
      ...((await a.getMessage("d:10"))?.payload.text ?? "").split(" "),
      ...((await a.getMessage("d:11"))?.payload.text ?? "").split(" "),
    ].filter((text) => text !== "");
    expect(shown.sort()).toEqual(["#1", "#2", "#3", "#4", "#5"]);
  });

  it("shows an approval in one manager digest, and a retry of that digest neither queues nor takes any", async () => {
    const [a, b] = await twoHandles();
    await a.recordForwards([
      ticket(),
      ticket({ ticketId: 7, needsApproval: false }),
      ticket({ ticketId: 8, managerEmail: null }),
    ]);
    const message = { ...digestMessage("manager-digest:mia@example.com:2026-03-09"), kind: "manager-digest" };
    const raced = await Promise.all([
      a.enqueueWithApprovals("mia@example.com", "2026-03-09", message, NOW),
      b.enqueueWithApprovals("Mia@Example.com", "2026-03-09", message, NOW),
    ]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect((await a.getMessage(message.key))?.payload.text).toBe("#4300000001");
    // Recorded later: the retried digest (same key) must not take it, next week's does.
    await a.recordForwards([ticket({ ticketId: 9 })]);
    expect(await b.enqueueWithApprovals("mia@example.com", "2026-03-09", message, NOW)).toBe(false);
    expect(await a.managersWithUnshownApprovals()).toEqual(new Set(["mia@example.com"]));
    const next = { ...message, key: "manager-digest:mia@example.com:2026-03-16" };
    expect(await a.enqueueWithApprovals("mia@example.com", "2026-03-16", next, NOW)).toBe(true);
    expect((await a.getMessage(next.key))?.payload.text).toBe("#9");
    expect(await a.managersWithUnshownApprovals()).toEqual(new Set());
  });
});
