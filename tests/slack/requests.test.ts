import { afterEach, describe, expect, it } from "vitest";
import { eventually, type Harness, sign, startHarness } from "../helpers/bot-harness.ts";

// Tuesday 10 March 2026, 15:00 UTC: 11:00 in New York, already Wednesday 00:00 in Tokyo.
const NOW = "2026-03-10T15:00:00Z";
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

describe("requests from Slack", () => {
  it("answers GET /healthz", async () => {
    harness = await startHarness({ now: NOW });
    const response = await fetch(`http://127.0.0.1:${harness.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("rejects a forged signature with 401 and does nothing", async () => {
    harness = await startHarness({ now: NOW });
    const body = new URLSearchParams({
      command: "/nudge",
      text: "run",
      user_id: "UOPS",
      response_url: "http://slack.test/respond/x",
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`http://127.0.0.1:${harness.port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(body, timestamp, "not-the-secret"),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(harness.slack.calls.filter((call) => call.method !== "auth.test")).toEqual([]);
  });

  it("rejects a stale timestamp (replay) with 401", async () => {
    harness = await startHarness({ now: NOW });
    const body = new URLSearchParams({ command: "/nudge", text: "run", user_id: "UOPS" }).toString();
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    const response = await fetch(`http://127.0.0.1:${harness.port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(stale),
        "x-slack-signature": sign(body, stale),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
  });

  it("acknowledges a command at once and answers through the response URL", async () => {
    harness = await startHarness({ now: NOW });
    const response = await harness.command("UAVA", "me");
    expect(response.status).toBe(200);
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    const reply = harness.slack.callsOf("respond")[0]?.params as {
      response_type: string;
      text: string;
      blocks: unknown[];
    };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe("Pipeline nudges for 2026-03-10: 3 things in 2 records to fix.");
    expect(JSON.stringify(reply.blocks)).toContain("Bluepeak - Renewal");
  });

  it("answers an unknown subcommand with usage, in the ack itself", async () => {
    harness = await startHarness({ now: NOW });
    const response = await harness.command("UAVA", "dance");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { text: string; blocks: { text: { text: string } }[] };
    expect(body.blocks[0]?.text.text).toMatch(
      /^I don't know `dance`. Here is what I can do:\n\*\/nudge\* or \*\/nudge me\*/,
    );
  });

  it("lists the subcommands for /nudge help", async () => {
    harness = await startHarness({ now: NOW });
    const body = (await (await harness.command("UAVA", "help")).json()) as {
      response_type: string;
      blocks: { text: { text: string } }[];
    };
    expect(body.response_type).toBe("ephemeral");
    const usage = body.blocks[0]?.text.text ?? "";
    for (const subcommand of ["/nudge me", "/nudge score", "/nudge team", "/nudge run", "/nudge help"]) {
      expect(usage).toContain(`*${subcommand}*`);
    }
  });

  it("does nothing twice when Slack retries a request", async () => {
    harness = await startHarness({ now: NOW });
    await harness.command("UOPS", "run");
    await eventually(() => harness.slack.callsOf("respond").length === 1);
    await harness.command("UOPS", "run", {
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    await eventually(() => harness.slack.callsOf("respond").length === 2);
    const recipients = harness.slack.callsOf("chat.postMessage").map((call) => call.params.channel);
    // Ava and Ken get a digest each; the admin hears once that Cy is not in Slack.
    expect(recipients.sort()).toEqual(["UAVA", "UKEN", "UOPS"]);
    const second = harness.slack.callsOf("respond")[1]?.params as { text: string };
    expect(second.text).toContain("Digests queued now: 0 (already sent today: 2)");
  });
});
