// Pause replies and the App Home pause section.
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../../messages/digest-blocks.ts";
import { QUIET_ACTION_IDS } from "../../messages/ids.ts";
import { escapeMrkdwn } from "../../messages/mrkdwn.ts";
import type { PauseOutcome, PauseState } from "../../services/pauses.ts";

/** `Thu 31 Dec 2026`: unambiguous in every locale, and no timezone shift (the date is local). */
export function dayLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

function text(message: string): SlackMessage {
  return { text: message, blocks: [{ type: "section", text: { type: "mrkdwn", text: message } }] };
}

export function pauseReply(outcome: PauseOutcome): SlackMessage {
  switch (outcome.status) {
    case "refused":
      // The message may quote what was typed: escaped like anything a user wrote.
      return text(escapeMrkdwn(outcome.message));
    case "paused": {
      const whose = outcome.self ? "Your nudges are" : `${escapeMrkdwn(outcome.rep.name)}'s nudges are`;
      const back = outcome.resumesOn ? ` They start again on ${dayLabel(outcome.resumesOn)}.` : "";
      const undo = outcome.self ? "`/nudge resume`" : "`/nudge resume @rep`";
      return text(
        `:zzz: ${whose} paused through ${dayLabel(outcome.until)}: no digest, reminder or check-in until then.${back} ${undo} ends it sooner.`,
      );
    }
    case "resumed": {
      const whose = outcome.self ? "Your nudges" : `${escapeMrkdwn(outcome.rep.name)}'s nudges`;
      return text(
        outcome.wasPaused
          ? `:bell: ${whose} are back on: the next digest comes on the next working day in the window.`
          : `${whose} were not paused.`,
      );
    }
  }
}

/** App Home: the pause and a Resume button, or how to pause. */
export function homePauseBlocks(pause: PauseState | null): KnownBlock[] {
  if (!pause) {
    return [
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Time off? `/nudge pause 5d` keeps me quiet (at most 30 days)." }],
      },
    ];
  }
  const back = pause.resumesOn ? ` They start again on ${dayLabel(pause.resumesOn)}.` : "";
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `:zzz: *Nudges paused* through ${dayLabel(pause.until)}.${back}` },
      accessory: {
        type: "button",
        action_id: QUIET_ACTION_IDS.resume,
        text: { type: "plain_text", text: "Resume" },
        value: "resume",
      },
    },
  ];
}
