// /nudge pause [@rep] [date|Nd] and /nudge resume [@rep], after the ack: the viewer is read, the
// pause saved, and the reply says until when.
import type { RespondFn } from "@slack/bolt";
import { parsePauseRequest, parseTarget } from "../../../domain/pause-request.ts";
import { escapeMrkdwn, QUOTE_MAX, truncate } from "../../../messages/mrkdwn.ts";
import type { Viewer } from "../../../services/access.ts";
import type { PauseService } from "../../../services/pauses.ts";
import { noticeMessage } from "../../views/command-blocks.ts";
import { pauseReply } from "../../views/pause-views.ts";

/** What was typed, cut before it is quoted back: a reply must fit one Slack section. */
const quote = (typed: string) => truncate(typed, QUOTE_MAX);

export async function pauseOrResume(
  pauses: PauseService,
  viewer: Viewer,
  subcommand: "pause" | "resume",
  words: string[],
  respond: RespondFn,
): Promise<void> {
  if (subcommand === "pause") {
    const request = parsePauseRequest(words, quote);
    if ("error" in request) {
      await respond({ response_type: "ephemeral", ...noticeMessage(escapeMrkdwn(request.error)) });
      return;
    }
    const outcome = await pauses.pause(viewer, request.target, request.length);
    await respond({ response_type: "ephemeral", ...pauseReply(outcome) });
    return;
  }
  const target =
    words.length > 1 ? { error: "`/nudge resume` or `/nudge resume @rep`." } : parseTarget(words[0], quote);
  if (target && "error" in target) {
    await respond({ response_type: "ephemeral", ...noticeMessage(escapeMrkdwn(target.error)) });
    return;
  }
  const outcome = await pauses.resume(viewer, target ?? { kind: "self" });
  await respond({ response_type: "ephemeral", ...pauseReply(outcome) });
}
