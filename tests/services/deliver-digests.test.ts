import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Digest } from "../../src/domain/digest.ts";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { deliverDigests } from "../../src/services/deliver-digests.ts";
import { openStore, type SqlStore } from "../../src/store/sql-store.ts";
import { NOW, opportunity, rep, snapshot } from "../helpers/builders.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

const data = snapshot({
  reps: [
    rep(),
    rep({ email: "bo@example.com", name: "Bo Chen", timezone: "Asia/Tokyo" }),
    rep({ email: "cy@example.com" }),
  ],
  accounts: [],
  opportunities: [
    opportunity({ id: "o1", howHeard: null, nextStep: "tbd" }),
    opportunity({ id: "o2", accountId: "001B", ownerEmail: "bo@example.com", howHeard: null }),
  ],
});

async function cycle(store: SqlStore, now = NOW) {
  const evaluation = evaluatePipeline(data, { now, settings: DEFAULT_RULE_SETTINGS, defaultTimezone: "UTC" });
  const sent: Digest[] = [];
  const outcome = await deliverDigests({
    evaluation,
    store,
    now,
    logger: quietLogger,
    deliver: async (digest) => {
      sent.push(digest);
    },
  });
  return { outcome, sent };
}

async function freshStore(): Promise<SqlStore> {
  const store = openStore({
    kind: "sqlite",
    file: join(mkdtempSync(join(tmpdir(), "nudgebot-cycle-")), "nudgebot.db"),
  });
  await store.migrate();
  return store;
}

describe("delivering digests", () => {
  it("sends each rep with findings one digest, and none the second time that day", async () => {
    const store = await freshStore();
    const first = await cycle(store);
    expect(first.sent.map((digest) => [digest.owner, digest.findingCount])).toEqual([
      ["ava@example.com", 2],
      ["bo@example.com", 1],
    ]);
    expect(first.outcome.clean).toEqual(["cy@example.com"]);
    const second = await cycle(store, new Date("2026-03-10T16:00:00Z"));
    expect(second.sent).toEqual([]);
    expect(second.outcome.alreadySent).toEqual(["ava@example.com", "bo@example.com"]);
    await store.close();
  });

  it("sends again on the rep's next local day, which comes sooner in Tokyo", async () => {
    const store = await freshStore();
    // 12:00Z is 21:00 on 10 March in Tokyo; by 16:00Z it is 01:00 on 11 March there, still 10 March in New York.
    const noon = await cycle(store, new Date("2026-03-10T12:00:00Z"));
    expect(noon.sent.map((digest) => [digest.owner, digest.today])).toEqual([
      ["ava@example.com", "2026-03-10"],
      ["bo@example.com", "2026-03-10"],
    ]);
    const later = await cycle(store, new Date("2026-03-10T16:00:00Z"));
    expect(later.sent.map((digest) => [digest.owner, digest.today])).toEqual([
      ["bo@example.com", "2026-03-11"],
    ]);
    await store.close();
  });

  it("leaves snoozed findings out, and skips a rep whose findings are all snoozed", async () => {
    const store = await freshStore();
    await store.snooze({
      rep: "ava@example.com",
      rule: "source-missing",
      recordId: "o1",
      until: "2026-03-12",
    });
    await store.snooze({
      rep: "bo@example.com",
      rule: "source-missing",
      recordId: "o2",
      until: "2026-03-12",
    });
    const { sent, outcome } = await cycle(store);
    expect(
      sent.map((digest) => digest.records.flatMap((group) => group.findings.map((f) => f.rule))),
    ).toEqual([["next-step-vague"]]);
    expect(outcome.clean).toEqual(["bo@example.com", "cy@example.com"]);
    await store.close();
  });
});
