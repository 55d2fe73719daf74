// The Slack port over the Web API client: the calls services make, and what their failures mean.
import type { KnownBlock, View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { SlackStatus } from "../domain/away-status.ts";
import {
  type PostedMessage,
  type SlackApi,
  type SlackFailure,
  type SlackUser,
  UnverifiableSendError,
} from "../services/ports/slack-port.ts";
import { classifySlackError } from "./slack-errors.ts";

export const METADATA_EVENT = "nudgebot_delivery";

/** How far back an uncertain send is looked for: 5 pages of 200 (conversations.history is Tier 3). */
const HISTORY_PAGES = 5;

/** Retries and rate limits are the outbox's job: the client reports them at once instead of waiting. */
export const WEB_CLIENT_OPTIONS = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 10_000,
};

export class WebSlackApi implements SlackApi {
  constructor(private readonly client: WebClient) {}

  failureOf(error: unknown): SlackFailure {
    return classifySlackError(error);
  }

  async postMessage(
    channel: string,
    text: string,
    blocks: unknown[] | undefined,
    key: string,
  ): Promise<PostedMessage> {
    const result = await this.client.chat.postMessage({
      channel,
      text,
      ...(blocks ? { blocks: blocks as KnownBlock[] } : {}),
      unfurl_links: false,
      metadata: { event_type: METADATA_EVENT, event_payload: { key } },
    });
    return { channel: result.channel ?? channel, ts: result.ts ?? "" };
  }

  async updateMessage(channel: string, ts: string, text: string, blocks: KnownBlock[]): Promise<void> {
    await this.client.chat.update({ channel, ts, text, blocks });
  }

  async findSentMessage(channel: string, key: string, since: Date): Promise<PostedMessage | null> {
    // A user id is not a conversation: history needs the DM's own id.
    const conversation =
      channel.startsWith("U") || channel.startsWith("W")
        ? ((await this.client.conversations.open({ users: channel })).channel?.id ?? channel)
        : channel;
    // A busy team channel can have had hundreds of messages since a post that is retried hours
    // later: page back to `since` rather than give up after one page and post a double.
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const history = await this.client.conversations.history({
        channel: conversation,
        oldest: String(Math.floor(since.getTime() / 1000) - 60),
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of history.messages ?? []) {
        const metadata = message.metadata as
          | { event_type?: string; event_payload?: { key?: string } }
          | undefined;
        if (metadata?.event_type === METADATA_EVENT && metadata.event_payload?.key === key && message.ts) {
          return { channel: conversation, ts: message.ts };
        }
      }
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    throw new UnverifiableSendError(
      key,
      conversation,
      `over ${HISTORY_PAGES * 200} messages since it was queued`,
    );
  }

  async lookupUserByEmail(email: string): Promise<SlackUser | null> {
    try {
      const { user } = await this.client.users.lookupByEmail({ email });
      return user?.id && !user.deleted ? { id: user.id, tz: user.tz ?? null } : null;
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error === "users_not_found") return null;
      throw error;
    }
  }

  async listUsers(): Promise<(SlackUser & { email: string })[]> {
    const users: (SlackUser & { email: string })[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      for (const member of page.members ?? []) {
        const email = member.profile?.email;
        if (member.id && email && !member.deleted && !member.is_bot)
          users.push({ id: member.id, email: email.toLowerCase(), tz: member.tz ?? null });
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return users;
  }

  async userEmail(userId: string): Promise<string | null> {
    const result = await this.client.users.info({ user: userId });
    return result.user?.profile?.email?.toLowerCase() ?? null;
  }

  async joinChannel(channel: string): Promise<void> {
    await this.client.conversations.join({ channel });
  }

  async userStatus(userId: string): Promise<SlackStatus | null> {
    try {
      const result = await this.client.users.info({ user: userId });
      return result.user?.profile ? statusOf(result.user.profile) : null;
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error === "user_not_found") return null;
      throw error;
    }
  }

  async listUserStatuses(): Promise<Map<string, SlackStatus>> {
    const statuses = new Map<string, SlackStatus>();
    let cursor: string | undefined;
    do {
      const page = await this.client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      for (const member of page.members ?? []) {
        if (member.id && member.profile && !member.deleted) statuses.set(member.id, statusOf(member.profile));
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return statuses;
  }

  async findChannelByName(name: string): Promise<string | null> {
    let cursor: string | undefined;
    do {
      const page = await this.client.conversations.list({
        types: "public_channel",
        exclude_archived: true,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      const found = page.channels?.find((channel) => channel.name === name);
      if (found?.id) return found.id;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  }

  async updateView(viewId: string, view: View): Promise<void> {
    await this.client.views.update({ view_id: viewId, view });
  }

  async openView(triggerId: string, view: View): Promise<string> {
    const result = await this.client.views.open({ trigger_id: triggerId, view });
    return result.view?.id ?? "";
  }

  async publishHome(userId: string, view: View): Promise<void> {
    await this.client.views.publish({ user_id: userId, view: view as never });
  }
}

function statusOf(profile: { status_text?: string; status_emoji?: string; status_expiration?: number }) {
  return {
    text: profile.status_text ?? "",
    emoji: profile.status_emoji ?? "",
    expiration: profile.status_expiration ?? 0,
  };
}
