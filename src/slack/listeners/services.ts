// What the listeners are given: the services they call.
import type { GiveBackService } from "../../services/give-backs.ts";
import type { NudgeService } from "../../services/nudge-service.ts";
import type { OutboxSender } from "../../services/outbox-sender.ts";
import type { PauseService } from "../../services/pauses.ts";
import type { RecordFixService } from "../../services/record-fixes.ts";
import type { SlackLinkService } from "../../services/slack-links.ts";
import type { StatsService } from "../../services/stats.ts";
import type { TripService } from "../../services/trips.ts";

export interface ListenerServices {
  nudge: NudgeService;
  /** The fix behind each digest button: its modal and the write-back. */
  fixes: RecordFixService;
  /** The effectiveness report for admins and managers. */
  stats: StatsService;
  trips: TripService;
  giveBacks: GiveBackService;
  pauses: PauseService;
  links: SlackLinkService;
  /** Sends what a listener queued, after its ack. */
  sender: OutboxSender;
  config: {
    channelName: string;
    roi: { returnMultiple: number; eventCloseRate: number };
    adoptionGoal: number;
    /** Slack user ids or emails named as admins in the config. */
    admins: string[];
  };
}
