// Registration apart from behaviour: which id goes to which listener.
import type { App } from "@slack/bolt";
import type { NudgeService } from "../../services/nudge-service.ts";
import { ACTION_IDS, CALLBACK_IDS } from "../ids.ts";
import { openRecordAction } from "./actions/open-record-action.ts";
import { snoozeAction } from "./actions/snooze-action.ts";
import { updateNextStepAction } from "./actions/update-next-step-action.ts";
import { nudgeCommand } from "./commands/nudge-command.ts";
import { appHomeOpened } from "./events/app-home-opened.ts";
import { nextStepSubmission } from "./views/next-step-submission.ts";

export function registerListeners(app: App, service: NudgeService, maxRecords: number): void {
  app.command("/nudge", nudgeCommand(service, maxRecords));
  app.action(ACTION_IDS.snooze, snoozeAction(service));
  app.action(ACTION_IDS.updateNextStep, updateNextStepAction(service));
  app.action(ACTION_IDS.openRecord, openRecordAction);
  app.view(CALLBACK_IDS.nextStep, nextStepSubmission(service));
  app.event("app_home_opened", appHomeOpened(service));
}
