// The Slack port: the Web API calls services make (tests and benchmarks count them), declared
// beside the services that call it and implemented in slack/ over the Web API client.
import type { KnownBlock, View } from "@slack/types";
import type { SlackStatus } from "../../domain/away-status.ts";

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface SlackApi {
  /** What a failed call of this port means: wait and retry, retry later, or give up. */
  failureOf(error: unknown): SlackFailure;
  /** Posts a message; `key` goes into the message metadata so a retry can tell whether it landed. */
  postMessage(
    channel: string,
    text: string,
    blocks: unknown[] | undefined,
    key: string,
  ): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, text: string, blocks: KnownBlock[]): Promise<void>;
  /** The message sent with `key` since `since`, if one is there: how a retry after a crash avoids a double. */
  findSentMessage(channel: string, key: string, since: Date): Promise<PostedMessage | null>;
  /** The user with this email, with their profile's time zone (`tz`) when Slack has one. */
  lookupUserByEmail(email: string): Promise<SlackUser | null>;
  /** Every active user with an email, page by page (users.list is Tier 2; one crawl beats N lookups). */
  listUsers(): Promise<(SlackUser & { email: string })[]>;
  userEmail(userId: string): Promise<string | null>;
  /** One user's profile status (users.info), or null when Slack does not know them. */
  userStatus(userId: string): Promise<SlackStatus | null>;
  /** Every active user's profile status in one paged users.list crawl. */
  listUserStatuses(): Promise<Map<string, SlackStatus>>;
  /** A public channel's id by its name (conversations.list, page by page), or null. */
  findChannelByName(name: string): Promise<string | null>;
  /** Joins a public channel, so the bot can read it back (to look for a post a retry may double). */
  joinChannel(channel: string): Promise<void>;
  /** Opens a modal; resolves to its view id, so it can be filled in later with updateView. */
  openView(triggerId: string, view: View): Promise<string>;
  /** Replaces an open modal, e.g. to prefill it after a choice. */
  updateView(viewId: string, view: View): Promise<void>;
  publishHome(userId: string, view: View): Promise<void>;
}

/**
 * What a failed Slack call means for the caller: wait and retry, retry later, or give up; and, for a
 * post, whether it may have landed anyway (then the retry looks in the conversation first).
 */
export type SlackFailure =
  | { kind: "rate-limited"; retryAfterMs: number; detail: string }
  /** `uncertain`: the request may have reached Slack and been carried out before the failure. */
  | { kind: "transient"; detail: string; uncertain: boolean }
  | { kind: "permanent"; detail: string };

/**
 * An earlier attempt may have posted the message, and the conversation has moved on too far to
 * check: posting again could make a double, so the message is kept as failed for an admin to see.
 */
export class UnverifiableSendError extends Error {
  readonly code = "SEND_UNVERIFIABLE";

  constructor(key: string, conversation: string, why: string, options?: { cause?: unknown }) {
    super(`could not tell whether ${key} was posted in ${conversation}: ${why}`, options);
    this.name = "UnverifiableSendError";
  }
}

/** A Slack user as the directory keeps them: id, and the IANA time zone of their profile. */
export interface SlackUser {
  id: string;
  tz: string | null;
}
