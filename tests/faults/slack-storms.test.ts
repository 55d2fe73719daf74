import { afterEach, describe, expect, it } from "vitest";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { STANDARD_RETRY } from "../../src/services/outbox-sender.ts";
import { SAMPLE_NOW, sampleSource } from "../../src/sources/sample/sample-source.ts";
import { type Harness, startHarness } from "../helpers/bot-harness.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

describe("Slack answering 429 and 500 in storms", () => {
  it("still gives every rep exactly one digest, and counts the errors", async () => {
    const { snapshot } = await sampleSource().load();
    const slack = new FakeSlack();
    for (const [index, rep] of snapshot.reps.entries())
      slack.addUser(rep.email, `U${String(index).padStart(4, "0")}`);
    // Every other call fails for a while: rate limits, then server errors, then flaky network-ish 503s.
    for (let round = 0; round < 6; round++) {
      slack.rateLimitNext("chat.postMessage", 2);
      slack.failNext("chat.postMessage", { status: 500, body: { ok: false } });
      slack.failNext("chat.postMessage", { status: 200, body: { ok: false, error: "service_unavailable" } });
    }
    harness = await startHarness({
      now: SAMPLE_NOW.toISOString(),
      data: snapshot,
      slack,
      retry: STANDARD_RETRY,
    });
    const summary = await runNudgeCycle(harness.bot.cycle, "now");
    expect(summary.queued).toBe(36);
    for (
      let minute = 1;
      minute <= 120 && (await harness.bot.store.outboxStats(harness.clock.now)).depth > 0;
      minute++
    ) {
      harness.clock.now = new Date(SAMPLE_NOW.getTime() + minute * 60_000);
      await harness.bot.sender.drain();
    }
    const perChannel = new Map<string, number>();
    for (const message of slack.delivered)
      perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(36);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
    expect(await harness.bot.store.outboxStats(harness.clock.now)).toMatchObject({ depth: 0, failed: 0 });
    const metrics = await harness.metrics.registry.metrics();
    expect(metrics).toContain('nudgebot_slack_errors_total{kind="rate-limited"} 6');
    expect(metrics).toContain('nudgebot_slack_errors_total{kind="transient"} 12');
    expect(metrics).toContain('nudgebot_messages_sent_total{kind="digest"} 36');
    expect(metrics).toContain("nudgebot_outbox_depth 0");
  });
});
