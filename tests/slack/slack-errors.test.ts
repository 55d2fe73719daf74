// How a failed post is read: retried or given up, and whether it may have landed anyway. Failures
// come from the real Web API client against the Slack stand-in, so their shapes are the real ones.
import { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { classifySlackError } from "../../src/slack/slack-errors.ts";
import { FakeSlack, SLACK_API_URL } from "../helpers/fake-slack.ts";

const slack = new FakeSlack();
afterEach(() => slack.uninstall());

async function failureOf(answer: {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}) {
  slack.install();
  slack.failNext("chat.postMessage", answer);
  const client = new WebClient("xoxb-test", {
    slackApiUrl: SLACK_API_URL,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  try {
    await client.chat.postMessage({ channel: "C1", text: "hi" });
  } catch (error) {
    return classifySlackError(error);
  }
  throw new Error("the post did not fail");
}

describe("a failed chat.postMessage", () => {
  it.each([
    ["HTTP 500", { status: 500, body: { ok: false } }, { kind: "transient", uncertain: true }],
    ["HTTP 503", { status: 503, body: { ok: false } }, { kind: "transient", uncertain: true }],
    [
      "internal_error",
      { status: 200, body: { ok: false, error: "internal_error" } },
      { kind: "transient", uncertain: true },
    ],
    [
      "fatal_error",
      { status: 200, body: { ok: false, error: "fatal_error" } },
      { kind: "transient", uncertain: true },
    ],
    [
      "service_unavailable",
      { status: 200, body: { ok: false, error: "service_unavailable" } },
      { kind: "transient", uncertain: false },
    ],
    [
      "HTTP 429",
      { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": "30" } },
      { kind: "rate-limited", retryAfterMs: 30_000 },
    ],
    [
      "channel_not_found",
      { status: 200, body: { ok: false, error: "channel_not_found" } },
      { kind: "permanent" },
    ],
  ] as const)("%s", async (_name, answer, expected) => {
    expect(await failureOf({ ...answer })).toMatchObject(expected);
  });

  it("is certain not to have left when the name did not resolve or the connection was refused", () => {
    const network = (code: string) =>
      Object.assign(new Error("A request error occurred: fetch failed"), {
        code: "slack_webapi_request_error",
        original: Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error(code), { code }),
        }),
      });
    expect(classifySlackError(network("ENOTFOUND"))).toMatchObject({ kind: "transient", uncertain: false });
    expect(classifySlackError(network("EAI_AGAIN"))).toMatchObject({ kind: "transient", uncertain: false });
    expect(classifySlackError(network("ECONNREFUSED"))).toMatchObject({
      kind: "transient",
      uncertain: false,
    });
    expect(classifySlackError(network("ECONNRESET"))).toMatchObject({ kind: "transient", uncertain: true });
    expect(classifySlackError(network("UND_ERR_SOCKET"))).toMatchObject({
      kind: "transient",
      uncertain: true,
    });
  });
});
