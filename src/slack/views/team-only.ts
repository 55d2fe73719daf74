// What someone outside the sales team is told when they try to share with it or count in its
// adoption: privately, saying why, and what to do if they are in fact on the team.

import type { SlackMessage } from "../../messages/digest-blocks.ts";
import { noticeMessage } from "./command-blocks.ts";

const WHY = {
  trips: "Trip notes and event plans are shared with the sales team",
  giveBack: "Give Back projects are shared with the sales team",
  checkIn: "Give Back check-ins measure the sales team's adoption",
} as const;

/** What was refused: trip notes (and the ROI planner), Give Back projects, check-in answers. */
export type TeamOnlyThing = keyof typeof WHY;

const WHO =
  "only its reps, managers and admins can. I can't find your Slack email among the reps nudgebot " +
  "reads: if you are on the team, ask your admin to check your email in the CRM.";

/** Shown on the form itself when a submission is refused. */
export function teamOnlyError(thing: TeamOnlyThing): string {
  return `${WHY[thing]}, so ${WHO}`;
}

/** The private reply to a command or a button. */
export function teamOnlyMessage(thing: TeamOnlyThing): SlackMessage {
  return noticeMessage(teamOnlyError(thing));
}

/** Shown on the form when who submitted it could not be checked in time; nothing typed is lost. */
export const TEAM_CHECK_PENDING =
  "I couldn't check that you are on the sales team just now. Submit again in a moment.";
