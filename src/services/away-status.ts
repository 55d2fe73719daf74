// Who is away in Slack right now, asked when their digest is due: users.info per person for a few,
// one users.list crawl when more are due (Tier 2, paged by 200, beats N Tier 4 calls).
import type { Config } from "../config/config.ts";
import { awayMatcher, type SlackStatus } from "../domain/away-status.ts";
import type { Logger } from "../logging.ts";
import type { SlackApi } from "./ports/slack-port.ts";

export interface AwayStatusDeps {
  slack: SlackApi;
  config: Pick<Config, "calendar">;
  logger: Logger;
  /** More people to check than this and one users.list crawl replaces the users.info calls. */
  crawlThreshold?: number;
}

export class AwayStatus {
  private readonly isAway: (status: SlackStatus | null, now: Date) => boolean;
  private readonly crawlThreshold: number;

  constructor(private readonly deps: AwayStatusDeps) {
    this.isAway = awayMatcher(deps.config.calendar.awayStatus);
    this.crawlThreshold = deps.crawlThreshold ?? 10;
  }

  /**
   * The user ids among `userIds` whose status says away at `now`. `known` holds answers from
   * earlier in the same cycle, so a second pass asks Slack nothing again. A failed look-up is
   * logged and counts as not away: a status is a courtesy, not a reason to lose a digest.
   */
  async away(userIds: string[], now: Date, known: Map<string, boolean> = new Map()): Promise<Set<string>> {
    const ask = [...new Set(userIds)].filter((id) => !known.has(id));
    try {
      if (ask.length > this.crawlThreshold) {
        const statuses = await this.deps.slack.listUserStatuses();
        for (const id of ask) known.set(id, this.isAway(statuses.get(id) ?? null, now));
      } else {
        for (const id of ask) known.set(id, this.isAway(await this.deps.slack.userStatus(id), now));
      }
    } catch (error) {
      this.deps.logger.warn(
        { err: error, users: ask.length },
        "could not read Slack statuses; sending anyway",
      );
      for (const id of ask) if (!known.has(id)) known.set(id, false);
    }
    return new Set(userIds.filter((id) => known.get(id)));
  }
}
