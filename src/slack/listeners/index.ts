// Registration apart from behaviour: which id goes to which listener.
import type { App } from "@slack/bolt";
import {
  ACTION_IDS,
  CALLBACK_IDS,
  QUIET_ACTION_IDS,
  RITUAL_ACTION_IDS,
  SUPPORT_ACTION_IDS,
} from "../../messages/ids.ts";
import { checkInAction } from "./actions/check-in-action.ts";
import { fixAction } from "./actions/fix-action.ts";
import { giveBackStatusAction } from "./actions/give-back-status-action.ts";
import { linkUserAction } from "./actions/link-user-action.ts";
import { moveRuleAction } from "./actions/move-rule-action.ts";
import { openRecordAction } from "./actions/open-record-action.ts";
import { pickTripAction } from "./actions/pick-trip-action.ts";
import { resumeAction } from "./actions/resume-action.ts";
import { showRuleAction } from "./actions/show-rule-action.ts";
import { snoozeAction } from "./actions/snooze-action.ts";
import { takeTicketAction } from "./actions/take-ticket-action.ts";
import { givebackCommand } from "./commands/giveback-command.ts";
import { nudgeCommand } from "./commands/nudge-command.ts";
import { tripnoteCommand } from "./commands/tripnote-command.ts";
import { appHomeOpened } from "./events/app-home-opened.ts";
import type { ListenerServices } from "./services.ts";
import { fixSubmission } from "./views/fix-submission.ts";
import { giveBackSubmission } from "./views/give-back-submission.ts";
import { tripNotesSubmission } from "./views/trip-notes-submission.ts";
import { tripPlanSubmission } from "./views/trip-plan-submission.ts";

export function registerListeners(app: App, services: ListenerServices): void {
  const { nudge } = services;
  app.command("/nudge", nudgeCommand(nudge, services.pauses, services.stats));
  app.command("/tripnote", tripnoteCommand(services));
  app.command("/giveback", givebackCommand(services));

  app.action(ACTION_IDS.snooze, snoozeAction(services));
  app.action(ACTION_IDS.fix, fixAction(services));
  app.action(ACTION_IDS.moreFixes, fixAction(services));
  // Buttons of digests sent before fixes had kinds: the same next-step fix.
  app.action(ACTION_IDS.updateNextStep, fixAction(services, true));
  app.action(ACTION_IDS.openRecord, openRecordAction);
  app.action(ACTION_IDS.showRule, showRuleAction(services));
  app.action(ACTION_IDS.moveRule, moveRuleAction(services));
  app.action(RITUAL_ACTION_IDS.pickTrip, pickTripAction(services));
  app.action(new RegExp(`^${RITUAL_ACTION_IDS.checkIn}_(yes|no)$`), checkInAction(services));
  app.action(RITUAL_ACTION_IDS.setStatus, giveBackStatusAction(services));
  app.action(QUIET_ACTION_IDS.resume, resumeAction(services));
  app.action(QUIET_ACTION_IDS.linkUser, linkUserAction(services));
  // Breach alerts go out only with a help desk configured; their link button only needs an ack.
  if (services.support) app.action(SUPPORT_ACTION_IDS.take, takeTicketAction(services.support));
  app.action(SUPPORT_ACTION_IDS.open, openRecordAction);

  app.view(CALLBACK_IDS.fix, fixSubmission(services));
  app.view(CALLBACK_IDS.nextStep, fixSubmission(services));
  app.view(CALLBACK_IDS.tripPlan, tripPlanSubmission(services));
  app.view(CALLBACK_IDS.tripNotes, tripNotesSubmission(services));
  app.view(CALLBACK_IDS.giveBack, giveBackSubmission(services));

  app.event("app_home_opened", appHomeOpened(services));
}
