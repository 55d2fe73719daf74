// The team channel's id: from config, else found by name once and kept in the store.
import type { Config } from "../config/config.ts";
import type { SlackApi } from "../slack/slack-api.ts";
import type { Store } from "../store/store.ts";

/** Outbox messages for a channel known only by name carry this target until they are sent. */
export const channelTarget = (name: string): string => `#${name}`;

export class ChannelNotFoundError extends Error {
  constructor(readonly channelName: string) {
    super(`channel_not_found: #${channelName} (invite the bot, or set channel.id in the config)`);
  }
}

export class ChannelDirectory {
  constructor(
    private readonly deps: {
      store: Store;
      slack: SlackApi;
      config: Pick<Config, "channel">;
      clock: () => Date;
    },
  ) {}

  /** Resolves an outbox target: `#name` becomes the channel id; anything else is already an id. */
  async resolve(target: string): Promise<string> {
    if (!target.startsWith("#")) return target;
    const name = target.slice(1);
    const { config, store, slack, clock } = this.deps;
    if (config.channel.id && name === config.channel.name) return config.channel.id;
    const key = `channel-id:${name}`;
    const cached = await store.getSetting(key);
    if (cached) return cached;
    const id = await slack.findChannelByName(name);
    if (!id) throw new ChannelNotFoundError(name);
    await store.setSetting(key, id, clock());
    return id;
  }
}
