import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8"));

describe("the Slack app manifest", () => {
  it("declares the three slash commands, each as a command entry", () => {
    expect(manifest.features.slash_commands.map((entry: { command: string }) => entry.command)).toEqual([
      "/nudge",
      "/tripnote",
      "/giveback",
    ]);
  });

  it("asks for the bot scopes the bot calls need", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        "chat:write",
        "commands",
        "users:read",
        "users:read.email",
        "im:write",
        "im:history",
      ]),
    );
  });

  it("turns on App Home, interactivity, app_home_opened and Socket Mode", () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("lets the admin console sign people in with Slack at /admin/auth/callback", () => {
    expect(manifest.oauth_config.scopes.user).toEqual(["openid", "email", "profile"]);
    expect(manifest.oauth_config.redirect_urls).toHaveLength(1);
    expect(new URL(manifest.oauth_config.redirect_urls[0]).pathname).toBe("/admin/auth/callback");
  });
});
