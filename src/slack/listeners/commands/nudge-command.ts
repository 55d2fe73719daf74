// /nudge [me|score|team|stats|run|pause|resume|help]: acknowledged at once, answered through `respond` after the work.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { digestMessage } from "../../../messages/digest-blocks.ts";
import { teamMessage } from "../../../messages/team-blocks.ts";
import type { NudgeService } from "../../../services/nudge-service.ts";
import type { PauseService } from "../../../services/pauses.ts";
import type { StatsService } from "../../../services/stats.ts";
import {
  noticeMessage,
  runSummaryMessage,
  scorecardMessage,
  usageMessage,
} from "../../views/command-blocks.ts";
import { afterAck } from "../after-ack.ts";
import { statsReply } from "./nudge-stats.ts";
import { pauseOrResume } from "./pause-command.ts";

const SUBCOMMANDS = ["me", "score", "team", "stats", "run", "help", "pause", "resume"] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

export function parseSubcommand(text: string): { subcommand: Subcommand } | { unknown: string } {
  const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (word === "") return { subcommand: "me" };
  return (SUBCOMMANDS as readonly string[]).includes(word)
    ? { subcommand: word as Subcommand }
    : { unknown: word };
}

export function nudgeCommand(service: NudgeService, pauses: PauseService, stats: StatsService) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseSubcommand(command.text);
    if ("unknown" in parsed) {
      await ack({ response_type: "ephemeral", ...usageMessage(parsed.unknown) });
      return;
    }
    if (parsed.subcommand === "help") {
      await ack({ response_type: "ephemeral", ...usageMessage() });
      return;
    }
    await ack();
    await afterAck();
    const { viewer, view } = await service.viewer(command.user_id);
    switch (parsed.subcommand) {
      case "pause":
      case "resume":
        await pauseOrResume(
          pauses,
          viewer,
          parsed.subcommand,
          command.text.trim().split(/\s+/).slice(1),
          respond,
        );
        return;
      case "me": {
        const plan = await service.myPlan(viewer, view);
        const digest = plan?.digest;
        if (!plan || !digest) {
          await respond({
            response_type: "ephemeral",
            ...noticeMessage("You own no records in the pipeline I read."),
          });
        } else if (digest.findingCount === 0 && !plan.weekly) {
          await respond({
            response_type: "ephemeral",
            ...noticeMessage(":white_check_mark: Nothing to fix right now."),
          });
        } else {
          const title = `Your pipeline nudges (${digest.today})`;
          await respond({
            response_type: "ephemeral",
            ...digestMessage(plan, { crm: service.crmName, title }),
          });
        }
        return;
      }
      case "score": {
        const digest = await service.myDigest(viewer, view);
        await respond({
          response_type: "ephemeral",
          ...(digest
            ? scorecardMessage(digest.scorecard)
            : noticeMessage("You own no records in the pipeline I read.")),
        });
        return;
      }
      case "team": {
        if (!viewer.isAdmin && !viewer.isManager) {
          await respond({
            response_type: "ephemeral",
            ...noticeMessage(
              "`/nudge team` is for managers and admins. `/nudge score` shows your own scorecard.",
            ),
          });
          return;
        }
        await respond({
          response_type: "ephemeral",
          ...teamMessage("Required 7 by rep", service.team(viewer, view)),
        });
        return;
      }
      case "stats": {
        await respond({ response_type: "ephemeral", ...(await statsReply(stats, viewer, view.evaluation)) });
        return;
      }
      case "run": {
        if (!viewer.isAdmin) {
          await respond({
            response_type: "ephemeral",
            ...noticeMessage(
              "Sorry, only admins can run the nudge cycle. Digests go out on their own each working day.",
            ),
          });
          return;
        }
        await respond({ response_type: "ephemeral", ...runSummaryMessage(await service.runNow()) });
        return;
      }
    }
  };
}
