// "Open in Salesforce" is a link button; Slack still sends the click, which only needs an ack.
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";

export async function openRecordAction({
  ack,
}: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
}
