// /nudge stats: the effectiveness report, everyone's for admins and the team's for managers.
import type { PipelineEvaluation } from "../../../domain/evaluate.ts";
import type { SlackMessage } from "../../../messages/digest-blocks.ts";
import type { Viewer } from "../../../services/access.ts";
import type { StatsService } from "../../../services/stats.ts";
import { noticeMessage } from "../../views/command-blocks.ts";
import { statsMessage } from "../../views/stats-blocks.ts";

export async function statsReply(
  stats: StatsService,
  viewer: Viewer,
  evaluation: PipelineEvaluation,
): Promise<SlackMessage> {
  const scoped = await stats.forViewer(viewer, evaluation);
  if (!scoped)
    return noticeMessage(
      "`/nudge stats` is for managers and admins. `/nudge score` shows your own scorecard.",
    );
  return statsMessage(scoped);
}
