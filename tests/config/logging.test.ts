import { Writable } from "node:stream";
import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { boltLogger, createLogger } from "../../src/logging.ts";

function sink(): { stream: Writable; written: () => string } {
  let written = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return { stream, written: () => written };
}

describe("the logger", () => {
  it("never writes a token, secret, password or private key", () => {
    let written = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        slack: { botToken: "xoxb-1-secret", signingSecret: "s3cret", appToken: "xapp-1-secret" },
        salesforce: { accessToken: "00D!secret", privateKey: "-----BEGIN PRIVATE KEY-----secret" },
        request: { headers: { authorization: "Bearer xoxb-2-secret" } },
        database: { password: "hunter2" },
      },
      "started",
    );
    expect(written).toContain('"msg":"started"');
    expect(written).not.toMatch(/secret|hunter2/);
    expect(written.match(/\[redacted\]/g)).toHaveLength(7);
  });

  it("never writes the console's client secret, PKCE verifier, Slack tokens or session secret", () => {
    let written = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    createLogger("info", sink).info(
      {
        console: { clientSecret: "secret-1", sessionSecret: "secret-2" },
        form: { client_secret: "secret-3", code_verifier: "secret-4" },
        tokens: { id_token: "secret-5", access_token: "secret-6" },
      },
      "sign-in",
    );
    expect(written).toContain('"msg":"sign-in"');
    expect(written).not.toMatch(/secret-/);
    expect(written.match(/\[redacted\]/g)).toHaveLength(6);
  });

  describe("Slack's loggers at LOG_LEVEL=debug", () => {
    // What Bolt, the Socket Mode client and the Web API client write, with Slack's escaped slashes.
    const envelope =
      '{"envelope_id":"e1","type":"slash_commands","payload":{"token":"legacy-secret-1","team_id":"T1",' +
      '"user_id":"U1","command":"/nudge","response_url":"https:\\/\\/hooks.slack.com\\/commands\\/T1\\/1\\/secret-2",' +
      '"trigger_id":"t1"}}';
    const ticketUrl = "wss://wss-primary.slack.com/link/?ticket=secret-3&app_id=A1";

    it("writes no response URL, Socket Mode ticket or legacy token, whatever level Slack asks for", () => {
      const out = sink();
      const slack = boltLogger(createLogger("debug", out.stream));
      slack.setLevel(LogLevel.DEBUG);
      slack.debug(`Received a message on the WebSocket: ${envelope}`);
      slack.debug(`http request result: {"ok":true,"url":"${ticketUrl}"}`);
      slack.debug(
        JSON.stringify({
          token: "legacy-secret-4",
          response_url: "https://hooks.slack.com/actions/T1/2/secret-5",
        }),
      );
      slack.debug("Calling ack() - type: slash_commands, envelope_id: e1, data: {}");
      slack.info(`Replying through https://hooks.slack.com/commands/T1/3/secret-6 for xoxb-1-secret-7`);
      slack.warn(
        "http request failed",
        `token=secret-8&response_url=https%3A%2F%2Fhooks.slack.com%2Fsecret-9`,
      );
      slack.error(`Failed to retrieve a new WSS URL (error: Error: cannot reach ${ticketUrl})`);

      const written = out.written();
      expect(written).not.toMatch(/secret/);
      expect(slack.getLevel()).toBe(LogLevel.INFO);
      // Info and above still say what happened.
      expect(written).toContain("Replying through https://hooks.slack.com/[redacted] for [redacted]");
      expect(written).toContain("http request failed token=[redacted]");
      expect(written).toContain("Failed to retrieve a new WSS URL");
      expect(written).not.toContain("Received a message on the WebSocket");
    });

    it("masks a response URL in Slack's JSON even when a line is logged at info", () => {
      const out = sink();
      boltLogger(createLogger("debug", out.stream)).info(`unhandled envelope ${envelope}`);
      expect(out.written()).toContain("unhandled envelope");
      expect(out.written()).toContain('\\"response_url\\":\\"[redacted]');
      expect(out.written()).not.toMatch(/secret|hooks\.slack\.com\\?\/commands/);
    });
  });
});
