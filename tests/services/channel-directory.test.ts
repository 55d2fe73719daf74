// The team channel: found by name once, and joined once so a retried post can be looked for there.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { ChannelDirectory, ChannelNotFoundError } from "../../src/services/channel-directory.ts";
import { WEB_CLIENT_OPTIONS, WebSlackApi } from "../../src/slack/slack-api.ts";
import { openStore } from "../../src/store/sql-store.ts";
import { fakeSlackWithTeam } from "../helpers/bot-harness.ts";

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function directory(channelId: string | null = null) {
  const slack = fakeSlackWithTeam();
  const { url, server } = await slack.listen();
  servers.push(server);
  const store = openStore({
    kind: "sqlite",
    file: join(mkdtempSync(join(tmpdir(), "nudgebot-channels-")), "nudgebot.db"),
  });
  await store.migrate();
  const config = loadConfig({ NUDGEBOT_CONFIG: "config/nudgebot.yml" });
  const channels = new ChannelDirectory({
    store,
    slack: new WebSlackApi(new WebClient("xoxb-test", { ...WEB_CLIENT_OPTIONS, slackApiUrl: url })),
    config: { channel: { ...config.channel, id: channelId } },
    clock: () => new Date("2026-03-10T15:00:00Z"),
  });
  return { slack, channels, store };
}

describe("the team channel", () => {
  it("is found by name once and joined once, so the bot can read a retried post back", async () => {
    const { slack, channels, store } = await directory();
    expect(await channels.resolve("#commercial_global_all")).toBe("CTEAM");
    expect(await channels.resolve("#commercial_global_all")).toBe("CTEAM");
    expect(slack.callsOf("conversations.list")).toHaveLength(1);
    expect(slack.callsOf("conversations.join").map((call) => call.params.channel)).toEqual(["CTEAM"]);
    await store.close();
  });

  it("is joined by its configured id too, and a refused join does not stop the post", async () => {
    const { slack, channels, store } = await directory("CPRIVATE");
    slack.failNext("conversations.join", {
      status: 200,
      body: { ok: false, error: "method_not_supported_for_channel_type" },
    });
    expect(await channels.resolve("#commercial_global_all")).toBe("CPRIVATE");
    expect(slack.callsOf("conversations.list")).toHaveLength(0);
    await store.close();
  });

  it("says how to fix a channel that cannot be found", async () => {
    const { channels, store } = await directory();
    await expect(channels.resolve("#no-such-channel")).rejects.toBeInstanceOf(ChannelNotFoundError);
    await store.close();
  });
});
