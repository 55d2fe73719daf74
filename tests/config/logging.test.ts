import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.ts";

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
});
