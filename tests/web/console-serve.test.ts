// `nudgebot serve` as a process: without the Slack app's client id and secret every /admin path is
// 404 and the log says what to set; with them, sign-in goes to Slack and no path reaches the demo's
// sign-in, whose code serve never even loads.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { fakeSlackWithTeam, newDbFile, TEAM } from "../helpers/bot-harness.ts";
import { freePort } from "../helpers/console-harness.ts";
import { csvFolder } from "../helpers/csv-folder.ts";
import { CLIENT_ID, CLIENT_SECRET, FakeSlackOidc } from "../helpers/fake-slack-oidc.ts";
import { startServe } from "../helpers/serve-process.ts";

const RECORDER = fileURLToPath(new URL("../helpers/record-imports.mjs", import.meta.url));
const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serveWith(env: Record<string, string>, nodeArgs: string[] = []) {
  const oidc = new FakeSlackOidc(fakeSlackWithTeam());
  const apiUrl = await oidc.listen();
  closers.push(() => oidc.close());
  const configFile = join(mkdtempSync(join(tmpdir(), "nudgebot-yml-")), "nudgebot.yml");
  writeFileSync(configFile, "");
  const bot = await startServe(
    {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: apiUrl,
      PORT: "0",
      DATA_SOURCE: `csv:${csvFolder(TEAM)}`,
      DATABASE_URL: `sqlite:${newDbFile()}`,
      NUDGEBOT_CONFIG: configFile,
      NUDGEBOT_NOW: "2026-03-07T15:00:00Z",
      LOG_LEVEL: "info",
      ...env,
    },
    nodeArgs,
  );
  closers.push(() => bot.stop());
  return { bot, oidc, base: `http://127.0.0.1:${bot.port}` };
}

describe("serve and the admin console", () => {
  it("answers 404 on every /admin path without SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, and says why", async () => {
    const { bot, base } = await serveWith({});
    for (const path of [
      "/admin",
      "/admin/login",
      "/admin/effectiveness",
      "/admin/auth/callback?code=x&state=y",
    ]) {
      expect((await fetch(`${base}${path}`, { redirect: "manual" })).status, path).toBe(404);
    }
    const logout = await fetch(`${base}/admin/logout`, { method: "POST", redirect: "manual" });
    expect(logout.status).toBe(404);
    expect(bot.stderr()).toContain(
      "admin console off: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, CONSOLE_URL and CONSOLE_SESSION_SECRET to serve it at /admin",
    );
  });

  it("signs in only through Slack: the demo's sign-in is neither routed nor loaded", async () => {
    const port = await freePort();
    const record = join(mkdtempSync(join(tmpdir(), "nudgebot-imports-")), "imports.txt");
    const { base, oidc } = await serveWith(
      {
        PORT: String(port),
        SLACK_CLIENT_ID: CLIENT_ID,
        SLACK_CLIENT_SECRET: CLIENT_SECRET,
        CONSOLE_URL: `http://127.0.0.1:${port}`,
        CONSOLE_SESSION_SECRET: "serve-test-console-session-secret-0123456789",
        RECORD_IMPORTS_TO: record,
      },
      ["--import", RECORDER],
    );
    const login = await fetch(`${base}/admin/login`, { redirect: "manual" });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toMatch(
      new RegExp(`^${new URL(oidc.apiUrl).origin}/openid/connect/authorize\\?`),
    );
    // What the demo's picker posts: no such route in serve, whatever the form says.
    const demo = await fetch(`${base}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "state=anything&person=ops%40example.com",
    });
    expect(demo.status).toBe(404);
    expect(demo.headers.getSetCookie()).toEqual([]);
    const imports = readFileSync(record, "utf8");
    expect(imports).toContain("/src/web/slack-sign-in.ts");
    expect(imports).not.toContain("/src/web/demo-sign-in.ts");
    expect(imports).not.toContain("/src/cli/commands/demo-console.ts");
  });
});
