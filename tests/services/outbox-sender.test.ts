// The outbox sender against a Slack stand-in on a real socket: a post whose answer never comes back
// is looked for before it is posted again, and a sender whose lease ran out mid-batch stops sending.

import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/index.ts";
import { IMMEDIATE_RETRY, OutboxSender } from "../../src/services/outbox-sender.ts";
import { WEB_CLIENT_OPTIONS, WebSlackApi } from "../../src/slack/slack-api.ts";
import { openStore as openSqlStore, type SqlStore } from "../../src/store/sql-store.ts";
import { fakeSlackWithTeam, startHarness } from "../helpers/bot-harness.ts";
import type { FakeSlack } from "../helpers/fake-slack.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

const NOW = new Date("2026-03-10T15:00:00Z");
const servers: Server[] = [];
const stores: SqlStore[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
  for (const store of stores.splice(0)) await store.close();
});

async function openStore(): Promise<SqlStore> {
  const store = openSqlStore({
    kind: "sqlite",
    file: join(mkdtempSync(join(tmpdir(), "nudgebot-sender-")), "nudgebot.db"),
  });
  stores.push(store);
  await store.migrate();
  return store;
}

/** The real Web API client, with a short timeout so a hung answer fails fast. */
function slackApi(url: string, timeout = 300): WebSlackApi {
  return new WebSlackApi(
    new WebClient("xoxb-test-token", { ...WEB_CLIENT_OPTIONS, slackApiUrl: url, timeout }),
  );
}

const digest = (rep: string, channel: string) => ({
  key: `digest:${rep}@example.com:2026-03-10`,
  kind: "digest",
  channel,
  payload: { text: `Pipeline nudges for ${rep}` },
});

const deliveredKeys = (slack: FakeSlack) =>
  slack.delivered.map(
    (message) => (message.metadata as { event_payload?: { key: string } } | undefined)?.event_payload?.key,
  );

describe("a post whose outcome is unknown", () => {
  it.each(["hang", "reset"] as const)(
    "is looked for in the conversation, not posted again, when Slack's answer is lost (%s)",
    async (how) => {
      const slack = fakeSlackWithTeam();
      let lost = 0;
      const { url, server } = await slack.listen({
        intercept: (method) => (method === "chat.postMessage" && lost++ === 0 ? how : "answer"),
      });
      servers.push(server);
      const store = await openStore();
      const clock = { now: NOW };
      const sender = new OutboxSender({
        store,
        slack: slackApi(url),
        logger: quietLogger,
        clock: () => clock.now,
        retry: IMMEDIATE_RETRY,
      });
      await store.enqueue(digest("ava", "UAVA"), NOW);

      expect(await sender.drain()).toMatchObject({ sent: 0, retried: 1 });
      expect(await store.getMessage(digest("ava", "UAVA").key)).toMatchObject({
        status: "pending",
        uncertain: true,
      });
      clock.now = new Date(NOW.getTime() + 60_000);
      expect((await sender.drain()).sent).toBe(1);

      expect(deliveredKeys(slack)).toEqual([digest("ava", "UAVA").key]);
      expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
      expect(slack.callsOf("conversations.history")).toHaveLength(1);
      expect(await store.getMessage(digest("ava", "UAVA").key)).toMatchObject({
        status: "sent",
        messageChannel: "DAVA",
        messageTs: slack.delivered[0]?.ts,
      });
    },
  );

  it("is found even when the channel has moved on by hundreds of messages since", async () => {
    const slack = fakeSlackWithTeam();
    let lost = 0;
    const { url, server } = await slack.listen({
      intercept: (method) => (method === "chat.postMessage" && lost++ === 0 ? "hang" : "answer"),
    });
    servers.push(server);
    const store = await openStore();
    const clock = { now: NOW };
    const sender = new OutboxSender({
      store,
      slack: slackApi(url),
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
    });
    const post = {
      key: "trip-notes:n1",
      kind: "trip-notes",
      channel: "CTEAM",
      payload: { text: "Trip notes" },
    };
    await store.enqueue(post, NOW);
    await sender.drain();
    // A busy team channel: 300 messages from people after the lost answer.
    for (let index = 0; index < 300; index++)
      slack.handle("/api/chat.postMessage", { channel: "CTEAM", text: `chatter ${index}` });
    clock.now = new Date(NOW.getTime() + 3_600_000);
    expect((await sender.drain()).sent).toBe(1);
    expect(deliveredKeys(slack).filter((key) => key === post.key)).toHaveLength(1);
    expect(slack.callsOf("conversations.history").length).toBeGreaterThan(1);
  });

  it("is kept as failed, not posted blind, when the channel has moved on too far to check", async () => {
    const slack = fakeSlackWithTeam();
    let lost = 0;
    const { url, server } = await slack.listen({
      intercept: (method) => (method === "chat.postMessage" && lost++ === 0 ? "reset" : "answer"),
    });
    servers.push(server);
    const store = await openStore();
    const clock = { now: NOW };
    const sender = new OutboxSender({
      store,
      slack: slackApi(url),
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
    });
    const post = { key: "give-back:g1", kind: "give-back", channel: "CTEAM", payload: { text: "Give Back" } };
    await store.enqueue(post, NOW);
    await sender.drain();
    for (let index = 0; index < 1100; index++)
      slack.handle("/api/chat.postMessage", { channel: "CTEAM", text: `chatter ${index}` });
    clock.now = new Date(NOW.getTime() + 3_600_000);
    expect(await sender.drain()).toMatchObject({ sent: 0, failed: 1 });
    expect(deliveredKeys(slack).filter((key) => key === post.key)).toHaveLength(1);
    expect(await store.getMessage(post.key)).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("could not tell whether give-back:g1 was posted"),
    });
  });

  it("keeps its lease while a slow post is under way, so no other sender takes it over", async () => {
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen({
      intercept: async (method) => {
        if (method === "chat.postMessage") await new Promise((resolve) => setTimeout(resolve, 1200));
        return "answer" as const;
      },
    });
    servers.push(server);
    const store = await openStore();
    const sender = (owner: string) =>
      new OutboxSender({
        store,
        slack: slackApi(url, 5000),
        logger: quietLogger,
        clock: () => new Date(),
        retry: IMMEDIATE_RETRY,
        leaseMs: 600,
        owner,
      });
    await store.enqueue(digest("ava", "UAVA"), new Date());
    const first = sender("replica-a").drain();
    // Past the first lease's 600 ms, with the post still waiting for Slack's answer.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await sender("replica-b").drain()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(slack.callsOf("conversations.history")).toHaveLength(0);
    expect((await first).sent).toBe(1);
    expect(slack.delivered).toHaveLength(1);
  });

  it("is kept as failed, naming the missing scope, when Slack will not show the channel", async () => {
    const slack = fakeSlackWithTeam();
    let lost = 0;
    const { url, server } = await slack.listen({
      intercept: (method) => (method === "chat.postMessage" && lost++ === 0 ? "hang" : "answer"),
    });
    servers.push(server);
    const store = await openStore();
    const clock = { now: NOW };
    const sender = new OutboxSender({
      store,
      slack: slackApi(url),
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
    });
    const post = { key: "give-back:g2", kind: "give-back", channel: "CTEAM", payload: { text: "Give Back" } };
    await store.enqueue(post, NOW);
    await sender.drain();
    // An app installed without channels:history: the look-back is refused, so a re-post could double.
    slack.failNext("conversations.history", { status: 200, body: { ok: false, error: "missing_scope" } });
    clock.now = new Date(NOW.getTime() + 60_000);
    expect(await sender.drain()).toMatchObject({ sent: 0, failed: 1 });
    expect(deliveredKeys(slack).filter((key) => key === post.key)).toHaveLength(1);
    expect(await store.getMessage(post.key)).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/missing_scope.*channels:history.*invite the bot/),
    });
  });

  it("is not posted again when the database failed to record a post that went through", async () => {
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    servers.push(server);
    const store = await openStore();
    // The database drops out right after Slack accepted the post (a refused connection, as if the
    // database host went away), and is back a moment later.
    let failures = 1;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        if (property === "markSent" && failures > 0) {
          failures -= 1;
          return async () => {
            throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" });
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const clock = { now: NOW };
    const sender = new OutboxSender({
      store: flaky,
      slack: slackApi(url),
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
    });
    await store.enqueue(digest("ava", "UAVA"), NOW);
    await sender.drain().catch(() => {}); // the outbox job logs it and runs again
    clock.now = new Date(NOW.getTime() + 121_000);
    await sender.drain();
    expect(deliveredKeys(slack)).toEqual([digest("ava", "UAVA").key]);
    expect((await store.getMessage(digest("ava", "UAVA").key))?.status).toBe("sent");
  });

  it("is posted again without a look when the request surely never left (connection refused)", async () => {
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    servers.push(server);
    const closed = await fakeSlackWithTeam().listen();
    closed.server.close();
    await new Promise((resolve) => closed.server.once("close", resolve));
    const store = await openStore();
    const clock = { now: NOW };
    const options = { store, logger: quietLogger, clock: () => clock.now, retry: IMMEDIATE_RETRY };
    await store.enqueue(digest("ava", "UAVA"), NOW);

    expect(await new OutboxSender({ ...options, slack: slackApi(closed.url) }).drain()).toMatchObject({
      retried: 1,
    });
    expect((await store.getMessage(digest("ava", "UAVA").key))?.uncertain).toBe(false);
    expect((await new OutboxSender({ ...options, slack: slackApi(url) }).drain()).sent).toBe(1);
    expect(slack.callsOf("conversations.history")).toEqual([]);
    expect(deliveredKeys(slack)).toEqual([digest("ava", "UAVA").key]);
  });
});

describe("a sender whose lease runs out mid-batch", () => {
  it("does not send the rest of its batch once another replica has taken it over", async () => {
    const slack = fakeSlackWithTeam();
    const store = await openStore();
    const clock = { now: NOW };
    let replicaB: OutboxSender | null = null;
    let firstPost = true;
    // A's first post takes 130 s (a slow Slack): its 120 s lease runs out, and replica B's outbox
    // job takes the batch over meanwhile.
    const { url, server } = await slack.listen({
      intercept: async (method): Promise<"answer"> => {
        if (method === "chat.postMessage" && firstPost) {
          firstPost = false;
          clock.now = new Date(NOW.getTime() + 130_000);
          await replicaB?.drain();
        }
        return "answer";
      },
    });
    servers.push(server);
    const options = {
      store,
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
      leaseMs: 120_000,
    };
    // Each replica its own client, and time enough for A's first post to outlast B's whole drain.
    const replicaA = new OutboxSender({ ...options, slack: slackApi(url, 5_000), owner: "replica-a" });
    replicaB = new OutboxSender({ ...options, slack: slackApi(url, 5_000), owner: "replica-b" });
    for (const [rep, channel] of [
      ["ava", "UAVA"],
      ["ken", "UKEN"],
      ["mia", "UMIA"],
    ] as const)
      await store.enqueue(digest(rep, channel), NOW);

    await replicaA.drain();

    expect(deliveredKeys(slack).sort()).toEqual(
      ["ava", "ken", "mia"].map((rep) => `digest:${rep}@example.com:2026-03-10`).sort(),
    );
    expect((await store.outboxStats(clock.now)).depth).toBe(0);
  });
});

describe("two drains of one process", () => {
  it("do not both send a message the second took over while the first was still on its batch", async () => {
    const slack = fakeSlackWithTeam();
    const store = await openStore();
    const clock = { now: NOW };
    let sender: OutboxSender | null = null;
    let second: Promise<unknown> = Promise.resolve();
    let firstPost = true;
    const { url, server } = await slack.listen({
      intercept: async (method): Promise<"answer"> => {
        if (method === "chat.postMessage" && firstPost) {
          // The first drain's first post is slow: its lease runs out, the outbox job's drain takes
          // the batch over and starts looking for each message; only then does the answer come.
          firstPost = false;
          clock.now = new Date(NOW.getTime() + 130_000);
          second = sender?.drain() ?? second;
          while (slack.callsOf("conversations.history").length < 2)
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        // The second drain's lookups answer slowly, with what the channel held when asked.
        if (method === "conversations.history") await new Promise((resolve) => setTimeout(resolve, 200));
        return "answer";
      },
    });
    servers.push(server);
    sender = new OutboxSender({
      store,
      slack: slackApi(url, 5_000),
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
      leaseMs: 120_000,
    });
    for (const [rep, channel] of [
      ["ava", "UAVA"],
      ["ken", "UKEN"],
      ["mia", "UMIA"],
    ] as const)
      await store.enqueue(digest(rep, channel), NOW);

    await sender.drain();
    await second;

    expect(deliveredKeys(slack).sort()).toEqual(
      ["ava", "ken", "mia"].map((rep) => `digest:${rep}@example.com:2026-03-10`).sort(),
    );
  });
});

describe("the outbox job", () => {
  it("deletes sent messages past outbox.retentionDays, keeps the rest, and never re-sends a purged key", async () => {
    const harness = await startHarness({
      now: "2026-03-10T15:00:00Z",
      yaml: "outbox:\n  retentionDays: 7\n",
    });
    const jobs = startJobs(harness.bot.jobDeps, "only");
    try {
      const { store } = harness.bot;
      const old = digest("ava", "UAVA");
      await store.enqueue(old, harness.clock.now);
      await jobs.outbox.runNow();
      harness.clock.now = new Date("2026-03-16T15:00:00Z");
      const recent = digest("ken", "UKEN");
      await store.enqueue(recent, harness.clock.now);
      await jobs.outbox.runNow();
      expect((await store.getMessage(old.key))?.status).toBe("sent"); // 6 days old: kept

      harness.clock.now = new Date("2026-03-17T15:01:00Z"); // 7 days and a minute
      await jobs.outbox.runNow();
      expect(await store.getMessage(old.key)).toBeNull();
      expect((await store.getMessage(recent.key))?.status).toBe("sent");
      // A button on the purged message no longer finds it; a producer queueing its key again is refused.
      expect(await store.findSentMessage("DAVA", harness.slack.delivered[0]?.ts ?? "")).toBeNull();
      expect(await store.enqueue(old, harness.clock.now)).toBe(false);
      await jobs.outbox.runNow();
      expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(2);
    } finally {
      await jobs.stop();
      await harness.stop();
    }
  });
});

describe("a message with a time after which it is no longer true", () => {
  it("is kept as failed, saying it expired, when the sender reaches it too late; one still in time is sent", async () => {
    const slack = fakeSlackWithTeam();
    const { url, server } = await slack.listen();
    servers.push(server);
    const store = await openStore();
    const clock = { now: NOW };
    const alert = (ticket: number, breachAt: string) => ({
      key: `support-alert:${ticket}:first_reply_time`,
      kind: "support-alert",
      channel: "UAVA",
      payload: { text: `Ticket #${ticket} breaches in 30 min`, expiresAt: breachAt },
    });
    // Queued at 15:00, 30 min ahead of the first breach; Slack was down until 15:40.
    await store.enqueue(alert(41, "2026-03-10T15:30:00.000Z"), NOW);
    await store.enqueue(alert(42, "2026-03-10T16:30:00.000Z"), NOW);
    clock.now = new Date("2026-03-10T15:40:00Z");
    const sender = new OutboxSender({
      store,
      logger: quietLogger,
      clock: () => clock.now,
      retry: IMMEDIATE_RETRY,
      slack: slackApi(url),
    });
    expect(await sender.drain()).toMatchObject({ sent: 1, failed: 1 });
    expect(deliveredKeys(slack)).toEqual(["support-alert:42:first_reply_time"]);
    const late = await store.getMessage("support-alert:41:first_reply_time");
    expect(late?.status).toBe("failed");
    expect(late?.lastError).toContain("expired at 2026-03-10T15:30:00.000Z");
    expect((await store.outboxStats(clock.now)).failed).toBe(1);
  });
});
