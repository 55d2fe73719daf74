// A digest as the outbox keeps it: the Slack message, and beside it the facts the bot itself reads
// back later (which findings it nudged, the score it showed), never decoded from Slack blocks.
import { type DigestPlan, plannedKeys } from "../domain/digest-plan.ts";
import { digestMessage } from "../messages/digest-blocks.ts";
import type { CrmName } from "../messages/record-actions.ts";
import type { MessagePayload } from "../store/outbox.ts";

export function digestPayload(plan: DigestPlan, crm: CrmName): MessagePayload {
  return {
    ...digestMessage(plan, { crm }),
    digest: { nudged: plannedKeys(plan), score: plan.digest.scorecard.overall },
  };
}
