// The team channel's id: from config, else found by name once and kept in the store.
import type { Config } from "../config/config.ts";
import type { Logger } from "../logging.ts";
import type { SettingsStore } from "../store/store.ts";
import type { SlackApi } from "./ports/slack-port.ts";

/** Outbox messages for a channel known only by name carry this target until they are sent. */
export const channelTarget = (name: string): string => `#${name}`;

export class ChannelNotFoundError extends Error {
  constructor(readonly channelName: string) {
    super(`channel_not_found: #${channelName} (invite the bot, or set channel.id in the config)`);
  }
}

export class ChannelDirectory {
  /** Channels this process has joined (or tried to): once each. */
  private readonly joined = new Set<string>();

  constructor(
    private readonly deps: {
      store: SettingsStore;
      slack: SlackApi;
      config: Pick<Config, "channel">;
      clock: () => Date;
      logger?: Logger;
    },
  ) {}

  /** Resolves an outbox target: `#name` becomes the channel id; anything else is already an id. */
  async resolve(target: string): Promise<string> {
    if (!target.startsWith("#")) return target;
    const name = target.slice(1);
    const { config, store, slack, clock } = this.deps;
    if (config.channel.id && name === config.channel.name) return this.member(config.channel.id);
    const key = `channel-id:${name}`;
    const cached = await store.getSetting(key);
    if (cached) return this.member(cached);
    const id = await slack.findChannelByName(name);
    if (!id) throw new ChannelNotFoundError(name);
    await store.setSetting(key, id, clock());
    return this.member(id);
  }

  /**
   * Joins the channel once, best effort: posting needs no membership (chat:write.public), but
   * reading a post back after an uncertain send does. A private channel the bot was invited to
   * cannot be joined and need not be.
   */
  private async member(channel: string): Promise<string> {
    if (this.joined.has(channel)) return channel;
    this.joined.add(channel);
    await this.deps.slack
      .joinChannel(channel)
      .catch((error: unknown) =>
        this.deps.logger?.warn(
          { channel, err: error instanceof Error ? error.message : String(error) },
          "could not join the team channel; invite the bot so a retried post can be checked before it is re-sent",
        ),
      );
    return channel;
  }
}
