// Bolt's start-up check of the bot token (auth.test), made survivable: Slack out of reach is tried
// again with backoff until it answers or a stop is asked for; a token Slack refuses is one clear line.
// It answers with the bot's workspace (team id), which the admin console ties its sign-ins to.
import { setTimeout as sleep } from "node:timers/promises";
import type { App } from "@slack/bolt";
import { StartupCancelledError, StartupError } from "../errors.ts";
import type { Logger } from "../logging.ts";
import { classifySlackError } from "./slack-errors.ts";

export interface BackoffPolicy {
  /** Wait before the second attempt; doubled after each failure, up to maxMs. */
  initialMs: number;
  maxMs: number;
}

export const BOOT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

/** The workspace the bot token belongs to, as auth.test said. */
export interface BotWorkspace {
  teamId: string;
}

/**
 * Runs `app.init()` (Bolt's auth.test with `deferInitialization`) until it succeeds. Bolt without
 * `deferInitialization` calls auth.test in its constructor and leaves the rejection unhandled: one
 * network blip at boot would end the process, and a later request would reuse the failed answer.
 */
export async function verifyBotToken(
  app: App,
  options: { logger: Logger; signal?: AbortSignal; backoff?: BackoffPolicy },
): Promise<BotWorkspace> {
  const { logger, signal } = options;
  const backoff = options.backoff ?? BOOT_BACKOFF;
  let waitMs = backoff.initialMs;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new StartupCancelledError();
    let teamId: unknown;
    try {
      await app.init();
      // Bolt keeps auth.test's answer to itself: ask once more for the team id (same retry rules).
      teamId = (await app.client.auth.test()).team_id;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === "permanent" && failure.detail.startsWith("HTTP ")) {
        throw new StartupError(`Slack answered auth.test with ${failure.detail}: check SLACK_API_URL`, {
          cause: error,
        });
      }
      if (failure.kind === "permanent") {
        throw new StartupError(
          `Slack refused the bot token (${failure.detail}): check SLACK_BOT_TOKEN, or reinstall the app and use its new token`,
          { cause: error },
        );
      }
      const delayMs = failure.kind === "rate-limited" ? Math.max(failure.retryAfterMs, waitMs) : waitMs;
      logger.warn(
        { attempt, reason: failure.detail, retryInMs: delayMs },
        "cannot reach Slack to verify the bot token; trying again",
      );
      try {
        await sleep(delayMs, undefined, signal ? { signal } : {});
      } catch (aborted) {
        throw new StartupCancelledError({ cause: aborted });
      }
      waitMs = Math.min(waitMs * 2, backoff.maxMs);
      continue;
    }
    if (typeof teamId !== "string" || teamId === "")
      throw new StartupError("Slack answered auth.test without a team id: check SLACK_API_URL");
    if (attempt > 1) logger.info({ attempt }, "Slack reached: bot token verified");
    return { teamId };
  }
}
