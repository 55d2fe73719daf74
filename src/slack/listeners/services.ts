// What the listeners are given: the services they call, and the Slack port and the parts of the
// pipeline and directory they read themselves, wired by the composition root.
import type { Directory } from "../../services/directory.ts";
import type { GiveBackService } from "../../services/give-backs.ts";
import type { NudgeService } from "../../services/nudge-service.ts";
import type { OutboxSender } from "../../services/outbox-sender.ts";
import type { PauseService } from "../../services/pauses.ts";
import type { PipelineCache } from "../../services/pipeline-cache.ts";
import type { SlackApi } from "../../services/ports/slack-port.ts";
import type { RecordFixService } from "../../services/record-fixes.ts";
import type { SlackLinkService } from "../../services/slack-links.ts";
import type { StatsService } from "../../services/stats.ts";
import type { SupportTakeService } from "../../services/support-take.ts";
import type { TripService } from "../../services/trips.ts";
import type { WeeklyRulesService } from "../../services/weekly-rules.ts";

export interface ListenerServices {
  nudge: NudgeService;
  /** Opens and updates modals, publishes App Home. */
  slack: Pick<SlackApi, "openView" | "updateView" | "publishHome">;
  /** The last read, for the team check inside Slack's 3 seconds. */
  pipeline: Pick<PipelineCache, "lastRead" | "current">;
  /** Who a Slack user is in the CRM. */
  directory: Pick<Directory, "emailOf">;
  /** The fix behind each digest button: its modal and the write-back. */
  fixes: RecordFixService;
  /** The effectiveness report for admins and managers. */
  stats: StatsService;
  /** The weekly cleanup's rules, and admins' moves of them. */
  weekly: Pick<WeeklyRulesService, "overview" | "move">;
  trips: TripService;
  giveBacks: GiveBackService;
  pauses: PauseService;
  links: SlackLinkService;
  /** Take it on breach alerts; absent when no help desk is configured. */
  support?: SupportTakeService | undefined;
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
